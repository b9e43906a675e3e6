#!/usr/bin/env python3
"""Adds N ECS services, each with a scalable target and a CPU target-tracking policy, to a
template's Resources (before its Outputs), and prints the result.

    generate_scaled_services.py TEMPLATE N MODE > template.yaml

MODE is how each policy names its scalable target
(https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-applicationautoscaling-scalingpolicy.html):
  id         ScalingTargetId: !Ref TargetN
  same       ServiceNamespace, ScalableDimension and ResourceId written as a Fn::Join whose
             parts are the target's Fn::Sub's (the same value)
  undecided  ResourceId !Join ["/", [service, !ImportValue shared-cluster-name, svc-N]]:
             comparable with target N's "service/${Cluster}/${SvcN.Name}" (the cluster's
             and the service's names known) only at deploy time, and decidedly not
             another target's
  unnamed    as undecided, but the services have no ServiceName: every policy may be
             every target's (the worst case for the lookup)
Each service is added to the template's own Cluster and runs its TaskDefinition.
Deterministic: the same arguments give the same bytes.
"""
import sys


def group(n, mode):
    if mode == "id":
        naming = f"      ScalingTargetId: !Ref Target{n}\n"
    else:
        resource_id = (
            f'!Join ["/", [service, !Ref Cluster, !GetAtt Svc{n}.Name]]'
            if mode == "same"
            else f'!Join ["/", [service, !ImportValue shared-cluster-name, svc-{n}]]'
        )
        naming = (
            "      ServiceNamespace: ecs\n"
            "      ScalableDimension: ecs:service:DesiredCount\n"
            f"      ResourceId: {resource_id}\n"
        )
    name = "" if mode == "unnamed" else f"      ServiceName: svc-{n}\n"
    return f"""
  Svc{n}:
    Type: AWS::ECS::Service
    Properties:
{name}      Cluster: !Ref Cluster
      TaskDefinition: !Ref TaskDefinition
      DesiredCount: 2

  Target{n}:
    Type: AWS::ApplicationAutoScaling::ScalableTarget
    Properties:
      ServiceNamespace: ecs
      ScalableDimension: ecs:service:DesiredCount
      ResourceId: !Sub "service/${{Cluster}}/${{Svc{n}.Name}}"
      MinCapacity: 2
      MaxCapacity: 10

  Policy{n}:
    Type: AWS::ApplicationAutoScaling::ScalingPolicy
    Properties:
      PolicyName: cpu-{n}
      PolicyType: TargetTrackingScaling
{naming}      TargetTrackingScalingPolicyConfiguration:
        PredefinedMetricSpecification:
          PredefinedMetricType: ECSServiceAverageCPUUtilization
        TargetValue: 70
        ScaleOutCooldown: 60
        ScaleInCooldown: 300
        DisableScaleIn: false
"""


def main():
    path, count, mode = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    assert mode in ("id", "same", "undecided", "unnamed"), mode
    text = open(path, encoding="utf-8").read()
    outputs = text.index("\nOutputs:")
    added = "".join(group(f"{n:05d}", mode) for n in range(count))
    sys.stdout.write(text[:outputs] + "\n" + added + text[outputs:])


main()
