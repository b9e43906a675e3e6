#!/usr/bin/env python3
"""Writes a synthetic SAM/CloudFormation template of N resources and a two-env samconfig.

    generate_template.py RESOURCES OUT_DIR

OUT_DIR/infra/template.yaml: RESOURCES resources (an ECS cluster, then groups of six:
task definition, service, target group, security group, IAM role, log group) that use
Ref, Fn::GetAtt, Fn::Sub, Fn::If on a condition, Fn::Join and Fn::Select the way real
templates do; about 2 KB per resource, so 500 resources (CloudFormation's per-template
quota) come to about 1 MB (its largest template body, via S3). See "CloudFormation
quotas", https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/cloudformation-limits.html
OUT_DIR/infra/samconfig.toml: config envs dev and prod with parameter overrides.
Deterministic: the same N gives the same bytes.
"""
import os
import sys

KINDS = ["task", "service", "targetgroup", "securitygroup", "role", "loggroup"]


def group(g):
    n = f"{g:04d}"
    tags = "".join(
        f"\n        - Key: {key}\n          Value: !Sub \"${{AWS::StackName}}-{value}-{n}\""
        for key, value in [
            ("Name", "svc"), ("Team", "platform"), ("CostCenter", "cc"), ("Service", "api"), ("Owner", "ops"),
            ("Project", "vibe"), ("Tier", "web"), ("DataClass", "internal"), ("Backup", "none"), ("Runbook", "rb"),
        ]
    )
    environment = "".join(
        f"\n            - Name: SETTING_{k}\n              Value: !Sub \"${{Environment}}-setting-{k}-{n}\"" for k in range(40)
    )
    return {
        "task": f"""
  Task{n}:
    Type: AWS::ECS::TaskDefinition
    Properties:
      Family: !Sub "${{AWS::StackName}}-task-{n}"
      RequiresCompatibilities: [FARGATE]
      NetworkMode: awsvpc
      Cpu: !If [IsProd, "1024", "256"]
      Memory: !If [IsProd, "2048", "512"]
      ExecutionRoleArn: !GetAtt Role{n}.Arn
      TaskRoleArn: !GetAtt Role{n}.Arn
      RuntimePlatform:
        CpuArchitecture: X86_64
        OperatingSystemFamily: LINUX
      ContainerDefinitions:
        - Name: app
          Image: !Sub "${{AWS::AccountId}}.dkr.ecr.${{AWS::Region}}.${{AWS::URLSuffix}}/app-{n}:${{ImageTag}}"
          Essential: true
          PortMappings:
            - ContainerPort: 8501
              Protocol: tcp
          Environment:{environment}
          HealthCheck:
            Command: ["CMD-SHELL", "python -c 'import urllib.request; urllib.request.urlopen(\\"http://localhost:8501/_stcore/health\\")'"]
            Interval: 30
            Timeout: 5
            Retries: 3
            StartPeriod: 60
          LogConfiguration:
            LogDriver: awslogs
            Options:
              awslogs-group: !Ref Logs{n}
              awslogs-region: !Ref AWS::Region
              awslogs-stream-prefix: app
      Tags:{tags}""",
        "service": f"""
  Service{n}:
    Type: AWS::ECS::Service
    DependsOn: [Role{n}]
    Properties:
      ServiceName: !Sub "${{AWS::StackName}}-svc-{n}"
      Cluster: !Ref Cluster
      TaskDefinition: !Ref Task{n}
      LaunchType: FARGATE
      DesiredCount: !If [IsProd, 2, 1]
      HealthCheckGracePeriodSeconds: 120
      DeploymentConfiguration:
        MinimumHealthyPercent: 100
        MaximumPercent: 200
        DeploymentCircuitBreaker:
          Enable: true
          Rollback: true
      NetworkConfiguration:
        AwsvpcConfiguration:
          AssignPublicIp: DISABLED
          SecurityGroups: [!Ref Sg{n}]
          Subnets: !Ref Subnets
      LoadBalancers:
        - ContainerName: app
          ContainerPort: 8501
          TargetGroupArn: !Ref Tg{n}
      Tags:{tags}""",
        "targetgroup": f"""
  Tg{n}:
    Type: AWS::ElasticLoadBalancingV2::TargetGroup
    Properties:
      Name: !Join ["-", [!Select [0, !Split ["-", !Ref AWS::StackName]], "tg", "{n}"]]
      Port: 8501
      Protocol: HTTP
      TargetType: ip
      VpcId: !Ref VpcId
      HealthCheckPath: /_stcore/health
      HealthCheckIntervalSeconds: 30
      HealthCheckTimeoutSeconds: 5
      HealthyThresholdCount: 2
      UnhealthyThresholdCount: 3
      Matcher:
        HttpCode: "200"
      TargetGroupAttributes:
        - Key: deregistration_delay.timeout_seconds
          Value: "30"
        - Key: stickiness.enabled
          Value: "true"
        - Key: stickiness.type
          Value: lb_cookie
      Tags:{tags}""",
        "securitygroup": f"""
  Sg{n}:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: !Sub "Tasks of service {n} in ${{Environment}}"
      VpcId: !Ref VpcId
      SecurityGroupIngress:
        - IpProtocol: tcp
          FromPort: 8501
          ToPort: 8501
          SourceSecurityGroupId: !Ref LoadBalancerSecurityGroup
          Description: From the load balancer only
      SecurityGroupEgress:
        - IpProtocol: tcp
          FromPort: 443
          ToPort: 443
          CidrIp: 0.0.0.0/0
          Description: HTTPS out
      Tags:{tags}""",
        "role": f"""
  Role{n}:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal:
              Service: ecs-tasks.amazonaws.com
            Action: sts:AssumeRole
      Policies:
        - PolicyName: "service-{n}-access"
          PolicyDocument:
            Version: "2012-10-17"
            Statement:
              - Effect: Allow
                Action: [logs:CreateLogStream, logs:PutLogEvents]
                Resource: !GetAtt Logs{n}.Arn
              - Effect: Allow
                Action: [ssm:GetParameter, ssm:GetParameters]
                Resource: !Sub "arn:${{AWS::Partition}}:ssm:${{AWS::Region}}:${{AWS::AccountId}}:parameter/app/${{Environment}}/{n}/*"
      Tags:{tags}""",
        "loggroup": f"""
  Logs{n}:
    Type: AWS::Logs::LogGroup
    Properties:
      LogGroupName: !Sub "/ecs/${{AWS::StackName}}/service-{n}"
      RetentionInDays: !If [IsProd, 90, 14]
      Tags:{tags}""",
    }


def template(resources):
    parts = [
        """AWSTemplateFormatVersion: "2010-09-09"
Description: Synthetic benchmark template (benchmarks/generate_template.py)
Parameters:
  Environment:
    Type: String
    AllowedValues: [dev, prod]
    Default: dev
  VpcId:
    Type: AWS::EC2::VPC::Id
  Subnets:
    Type: List<AWS::EC2::Subnet::Id>
  LoadBalancerSecurityGroup:
    Type: AWS::EC2::SecurityGroup::Id
  ImageTag:
    Type: String
    Default: latest
Conditions:
  IsProd: !Equals [!Ref Environment, prod]
Resources:
  Cluster:
    Type: AWS::ECS::Cluster
    Properties:
      ClusterName: !Sub "${AWS::StackName}-cluster"
      ClusterSettings:
        - Name: containerInsights
          Value: !If [IsProd, enabled, disabled]"""
    ]
    count = 1
    g = 0
    # Whole groups while they fit, then stand-alone log groups up to the count.
    while resources - count >= len(KINDS):
        blocks = group(g)
        parts.extend(blocks[kind] for kind in KINDS)
        count += len(KINDS)
        g += 1
    while count < resources:
        parts.append(group(g)["loggroup"])
        count += 1
        g += 1
    parts.append(
        """
Outputs:
  ClusterName:
    Value: !Ref Cluster
"""
    )
    return "".join(parts)


SAMCONFIG = """version = 0.1

[dev.deploy.parameters]
stack_name = "bench-dev"
region = "us-east-1"
capabilities = "CAPABILITY_IAM"
parameter_overrides = "Environment=dev VpcId=vpc-0123456789abcdef0 Subnets=subnet-0a,subnet-0b LoadBalancerSecurityGroup=sg-0123456789abcdef0 ImageTag=1.0.0"

[prod.deploy.parameters]
stack_name = "bench-prod"
region = "eu-west-1"
capabilities = "CAPABILITY_IAM"
parameter_overrides = "Environment=prod VpcId=vpc-0fedcba9876543210 Subnets=subnet-1a,subnet-1b LoadBalancerSecurityGroup=sg-0fedcba9876543210 ImageTag=1.0.0"
"""


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    resources = int(sys.argv[1])
    out = sys.argv[2]
    os.makedirs(os.path.join(out, "infra"), exist_ok=True)
    with open(os.path.join(out, "infra", "template.yaml"), "w") as f:
        f.write(template(resources))
    with open(os.path.join(out, "infra", "samconfig.toml"), "w") as f:
        f.write(SAMCONFIG)


if __name__ == "__main__":
    main()
