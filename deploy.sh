#!/usr/bin/env bash
# Build, push and deploy the VibeJudge AI organizer dashboard to one environment.
#
# Usage: ./deploy.sh dev|prod
#
# Steps: check prerequisites -> build the image tagged <git sha> and latest ->
# (first deploy of an environment only: create the stack without the service,
# so the ECR repository exists) -> log in to ECR and push both tags ->
# sam deploy with ImageTag=<git sha> -> wait until the ECS service is stable
# (15 minutes at most) -> print the dashboard URL from the stack outputs.
#
# Optional environment variables:
#   DOMAIN_NAME   override the dashboard's DNS name (default: the template's
#                 EnvironmentConfig mapping); must lie in the env's hosted zone
#   ALARM_EMAIL   e-mail address subscribed to the alarm topic (default: none)
#   ALLOW_DIRTY=1 build even if streamlit_ui/ or docker/ have uncommitted changes
#
# Every run sends every template parameter: for an existing stack SAM CLI
# re-uses the previous value of a parameter that is not on the command line,
# so an unset DOMAIN_NAME / ALARM_EMAIL means "none", not "keep the old one".
# Running the script again with the same commit is safe: the push is a no-op
# and sam deploy accepts an empty change set (fail_on_empty_changeset = false).

set -euo pipefail

usage() {
  cat <<'USAGE'
Usage: ./deploy.sh dev|prod

Builds the dashboard image, pushes it to the environment's ECR repository and
deploys the stack vibejudge-dashboard-<env> in us-east-1 with SAM.
Optional environment: DOMAIN_NAME, ALARM_EMAIL, ALLOW_DIRTY=1 (see the header
of this script and DEPLOYMENT.md).
USAGE
}

log() { printf '==> %s\n' "$*"; }
warn() { printf 'deploy.sh: warning: %s\n' "$*" >&2; }
die() {
  printf 'deploy.sh: error: %s\n' "$*" >&2
  exit 1
}

if [[ $# -ne 1 ]]; then
  usage >&2
  exit 2
fi
case "$1" in
  dev | prod) ENV="$1" ;;
  -h | --help)
    usage
    exit 0
    ;;
  *)
    printf 'deploy.sh: error: unknown environment "%s" (expected dev or prod)\n' "$1" >&2
    usage >&2
    exit 2
    ;;
esac

# --- Names that other files must agree with ----------------------------------
# REGION and STACK_NAME must equal region and stack_name of
# [<env>.deploy.parameters] in infra/samconfig.toml; STACK_NAME is also passed
# to sam deploy with --stack-name so both always name the same stack.
readonly REGION="us-east-1"
readonly STACK_NAME="vibejudge-dashboard-${ENV}"
# Must equal EcrRepository.RepositoryName (vibejudge-dashboard-${Environment})
# in infra/template.yaml.
readonly REPOSITORY_NAME="vibejudge-dashboard-${ENV}"
# Must equal the container name in the task definition.
readonly CONTAINER_NAME="dashboard"
# The service's auto-scaling floor (ScalableTarget MinCapacity).
readonly MIN_TASKS=2

readonly MIN_SAM_VERSION="1.100.0"
readonly STABLE_TIMEOUT_SECONDS=900 # 15 minutes
readonly POLL_INTERVAL_SECONDS=15

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
readonly REPO_ROOT
# Everything below runs from the repository root: it is the Docker build context.
cd "$REPO_ROOT"
# Absolute paths: SAM CLI resolves a relative --config-file against the
# template's directory and a relative template_file against the current one.
readonly SAM_TEMPLATE="${REPO_ROOT}/infra/template.yaml"
readonly SAM_CONFIG="${REPO_ROOT}/infra/samconfig.toml"

DOMAIN_NAME="${DOMAIN_NAME:-}"
ALARM_EMAIL="${ALARM_EMAIL:-}"

# AWS CLI v2 would otherwise page some outputs through `less`.
export AWS_PAGER=""

trap 'printf "deploy.sh: error: command failed at line %s (exit status %s)\n" "$LINENO" "$?" >&2' ERR

if ! ERR_FILE="$(mktemp)"; then
  die "cannot create a temporary file"
fi
readonly ERR_FILE
trap 'rm -f "$ERR_FILE"' EXIT

# --- Helpers ------------------------------------------------------------------

# version_ge A B: true when dotted version A >= B, compared number by number
# ("1.100.0" >= "1.99.3"; a suffix such as "0rc1" counts by its leading digits).
version_ge() {
  local -a have want
  local i h w
  IFS=. read -r -a have <<<"$1"
  IFS=. read -r -a want <<<"$2"
  for i in 0 1 2; do
    h="${have[i]:-0}"
    w="${want[i]:-0}"
    h="${h%%[!0-9]*}"
    w="${w%%[!0-9]*}"
    [[ -n "$h" && -n "$w" ]] || return 1
    if ((10#$h > 10#$w)); then return 0; fi
    if ((10#$h < 10#$w)); then return 1; fi
  done
  return 0
}

check_prerequisites() {
  local tool sam_version_line sam_version
  local -a missing=()
  for tool in aws docker sam git; do
    command -v "$tool" >/dev/null 2>&1 || missing+=("$tool")
  done
  if ((${#missing[@]} > 0)); then
    die "missing required tools: ${missing[*]} (install the AWS CLI, Docker, the AWS SAM CLI and Git; see DEPLOYMENT.md)"
  fi

  if ! docker info >/dev/null 2>&1; then
    die "the Docker daemon is not running or not reachable (docker info failed); start Docker and retry"
  fi

  if ! sam_version_line="$(sam --version 2>/dev/null)"; then
    die "cannot run 'sam --version'"
  fi
  # "SAM CLI, version 1.120.0" -> "1.120.0"
  sam_version="${sam_version_line##* }"
  if ! version_ge "$sam_version" "$MIN_SAM_VERSION"; then
    die "SAM CLI ${sam_version} found, ${MIN_SAM_VERSION} or newer is required (${sam_version_line})"
  fi

  if ! git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
    die "${REPO_ROOT} is not a git repository: the image tag is the git commit SHA"
  fi
}

# stack_output KEY: print one output value of the stack (empty if absent).
stack_output() {
  local value
  value="$(aws cloudformation describe-stacks --stack-name "$STACK_NAME" --region "$REGION" \
    --query "Stacks[0].Outputs[?OutputKey=='$1'].OutputValue | [0]" --output text)" || return 1
  [[ "$value" == "None" ]] && value=""
  printf '%s\n' "$value"
}

# require_output VAR KEY: set VAR to stack output KEY or stop with a message.
require_output() {
  local value
  if ! value="$(stack_output "$2")"; then
    die "cannot read the outputs of stack ${STACK_NAME} in ${REGION}"
  fi
  [[ -n "$value" ]] || die "stack ${STACK_NAME} has no output $2"
  printf -v "$1" '%s' "$value"
}

# Print the stack status, or NONE when the stack does not exist.
stack_status() {
  local status
  if status="$(aws cloudformation describe-stacks --stack-name "$STACK_NAME" --region "$REGION" \
    --query 'Stacks[0].StackStatus' --output text 2>"$ERR_FILE")"; then
    printf '%s\n' "$status"
  elif grep -q 'does not exist' "$ERR_FILE"; then
    printf 'NONE\n'
  else
    cat "$ERR_FILE" >&2
    die "cannot read the status of stack ${STACK_NAME} in ${REGION}"
  fi
}

repository_exists() {
  if aws ecr describe-repositories --repository-names "$REPOSITORY_NAME" --region "$REGION" \
    >/dev/null 2>"$ERR_FILE"; then
    return 0
  fi
  if grep -q 'RepositoryNotFoundException' "$ERR_FILE"; then
    return 1
  fi
  cat "$ERR_FILE" >&2
  die "cannot look up ECR repository ${REPOSITORY_NAME} in ${REGION}"
}

# run_sam_deploy DEPLOY_SERVICE: create or update the stack. All template
# parameters are passed on every run (see the header of this script).
run_sam_deploy() {
  sam deploy \
    --config-file "$SAM_CONFIG" \
    --config-env "$ENV" \
    --template-file "$SAM_TEMPLATE" \
    --stack-name "$STACK_NAME" \
    --region "$REGION" \
    --parameter-overrides \
    "Environment=${ENV}" \
    "ImageTag=${IMAGE_TAG}" \
    "DeployService=$1" \
    "DomainName=\"${DOMAIN_NAME}\"" \
    "AlarmEmail=\"${ALARM_EMAIL}\""
}

# Poll the service the way `aws ecs wait services-stable` does (one deployment,
# runningCount == desiredCount), but with our own 15-minute deadline: the CLI
# waiter gives up after 40 x 15 s = 10 minutes.
wait_for_service_stable() {
  local cluster="$1" service="$2" state
  local status deployments running desired rollout
  local deadline=$((SECONDS + STABLE_TIMEOUT_SECONDS))
  log "Waiting for ECS service ${service} to be stable (services-stable, at most $((STABLE_TIMEOUT_SECONDS / 60)) minutes)"
  while true; do
    if ! state="$(aws ecs describe-services --cluster "$cluster" --services "$service" --region "$REGION" \
      --query "services[0].[status, length(deployments), runningCount, desiredCount, deployments[?status=='PRIMARY'] | [0].rolloutState]" \
      --output text)"; then
      die "cannot describe ECS service ${service} in cluster ${cluster}"
    fi
    read -r status deployments running desired rollout <<<"$state"
    if [[ "$status" != "ACTIVE" ]]; then
      die "ECS service ${service} is ${status:-missing}, not ACTIVE"
    fi
    if [[ "$rollout" == "FAILED" ]]; then
      die "the deployment of ${service} failed and the circuit breaker is rolling it back; see RUNBOOK.md (failed deployment) and the log group"
    fi
    if [[ "$deployments" == "1" && "$running" == "$desired" ]] && ((desired >= MIN_TASKS)); then
      log "Service ${service} is stable: ${running}/${desired} tasks running"
      return 0
    fi
    if ((SECONDS >= deadline)); then
      die "ECS service ${service} did not become stable within $((STABLE_TIMEOUT_SECONDS / 60)) minutes (${running}/${desired} tasks running, ${deployments} deployments, rollout ${rollout}); see RUNBOOK.md"
    fi
    printf '    %s/%s tasks running, %s deployment(s), rollout %s; checking again in %ss\n' \
      "$running" "$desired" "$deployments" "$rollout" "$POLL_INTERVAL_SECONDS"
    sleep "$POLL_INTERVAL_SECONDS"
  done
}

# --- 1. Prerequisites -----------------------------------------------------------
log "Checking prerequisites (aws, docker, sam >= ${MIN_SAM_VERSION}, git)"
check_prerequisites

if ! IMAGE_TAG="$(git rev-parse --short HEAD)"; then
  die "cannot read the current git commit (git rev-parse --short HEAD failed; is there a commit?)"
fi
readonly IMAGE_TAG

if ! dirty="$(git status --porcelain -- streamlit_ui docker .dockerignore)"; then
  die "git status failed"
fi
if [[ -n "$dirty" ]]; then
  if [[ "${ALLOW_DIRTY:-}" == "1" ]]; then
    warn "uncommitted changes in the image sources; the image tagged ${IMAGE_TAG} will not match that commit"
  else
    printf '%s\n' "$dirty" >&2
    die "uncommitted changes in streamlit_ui/, docker/ or .dockerignore: commit them (the image tag is the commit SHA) or set ALLOW_DIRTY=1"
  fi
fi

if ! ACCOUNT_ID="$(aws sts get-caller-identity --query Account --output text)"; then
  die "cannot get the AWS account ID (aws sts get-caller-identity failed); check your AWS credentials"
fi
readonly ACCOUNT_ID
readonly REGISTRY="${ACCOUNT_ID}.dkr.ecr.${REGION}.amazonaws.com"
readonly REPOSITORY_URI="${REGISTRY}/${REPOSITORY_NAME}"

log "Environment ${ENV}: stack ${STACK_NAME}, account ${ACCOUNT_ID}, region ${REGION}, image tag ${IMAGE_TAG}"

# stack_status prints its own error message when it fails.
if ! STACK_STATUS="$(stack_status)"; then
  exit 1
fi
case "$STACK_STATUS" in
  ROLLBACK_COMPLETE | ROLLBACK_FAILED)
    die "stack ${STACK_NAME} is ${STACK_STATUS} (its creation failed) and cannot be updated; delete it with 'aws cloudformation delete-stack --stack-name ${STACK_NAME} --region ${REGION}', wait for the deletion, then run this script again"
    ;;
  DELETE_FAILED)
    die "stack ${STACK_NAME} is DELETE_FAILED; finish deleting it (see its events) before deploying again"
    ;;
  UPDATE_ROLLBACK_FAILED)
    die "stack ${STACK_NAME} is UPDATE_ROLLBACK_FAILED; see RUNBOOK.md (continue-update-rollback) before deploying"
    ;;
  *_IN_PROGRESS)
    die "stack ${STACK_NAME} is ${STACK_STATUS}; wait until that operation ends, then run this script again"
    ;;
esac

# --- 2. Build (before touching AWS resources) -------------------------------------
log "Building ${REPOSITORY_URI}:${IMAGE_TAG} (and :latest) from docker/Dockerfile"
# Fargate runs the task definition's X86_64 platform: build for it on any host.
docker build \
  --platform linux/amd64 \
  --build-arg "APP_VERSION=${IMAGE_TAG}" \
  -f docker/Dockerfile \
  -t "${REPOSITORY_URI}:${IMAGE_TAG}" \
  -t "${REPOSITORY_URI}:latest" \
  .

# --- 3. First deploy of an environment: create the repository -------------------
# The stack owns the ECR repository, but the service needs an image in it. On
# the first run the stack is created without the service (DeployService=false);
# the image is pushed next and the normal deploy below adds the service.
if ! repository_exists; then
  if [[ "$STACK_STATUS" != "NONE" ]]; then
    die "stack ${STACK_NAME} exists (${STACK_STATUS}) but ECR repository ${REPOSITORY_NAME} does not; see RUNBOOK.md (missing repository)"
  fi
  log "First deploy of ${ENV}: creating stack ${STACK_NAME} without the ECS service (DeployService=false)"
  if ! run_sam_deploy false; then
    die "bootstrap deploy of ${STACK_NAME} failed; see the stack events in the CloudFormation console"
  fi
  if ! repository_exists; then
    die "the bootstrap deploy did not create ECR repository ${REPOSITORY_NAME} (change set declined?)"
  fi
elif [[ "$STACK_STATUS" == "NONE" ]]; then
  die "ECR repository ${REPOSITORY_NAME} exists but stack ${STACK_NAME} does not; the stack cannot create a repository with that name. Delete the repository (after saving any image you need) and run again"
fi

# --- 4. Push both tags ----------------------------------------------------------
log "Logging in to ${REGISTRY}"
if ! aws ecr get-login-password --region "$REGION" | docker login --username AWS --password-stdin "$REGISTRY"; then
  die "docker login to ${REGISTRY} failed"
fi

log "Pushing ${REPOSITORY_URI}:${IMAGE_TAG} and ${REPOSITORY_URI}:latest"
docker push "${REPOSITORY_URI}:${IMAGE_TAG}" || die "docker push of ${REPOSITORY_URI}:${IMAGE_TAG} failed; the stack was not updated"
docker push "${REPOSITORY_URI}:latest" || die "docker push of ${REPOSITORY_URI}:latest failed; the stack was not updated"

if IMAGE_DIGEST="$(aws ecr describe-images --repository-name "$REPOSITORY_NAME" --region "$REGION" \
  --image-ids "imageTag=${IMAGE_TAG}" --query 'imageDetails[0].imageDigest' --output text)"; then
  log "Pushed image digest: ${IMAGE_DIGEST}"
else
  warn "could not read the digest of ${REPOSITORY_URI}:${IMAGE_TAG}"
fi

# --- 5. Deploy the stack with the new image --------------------------------------
log "Deploying stack ${STACK_NAME} with ImageTag=${IMAGE_TAG}"
if ! run_sam_deploy true; then
  die "sam deploy of ${STACK_NAME} failed (CloudFormation rolls the stack back); see RUNBOOK.md (failed deployment)"
fi

# --- 6. Wait for the service ------------------------------------------------------
require_output CLUSTER_NAME ClusterName
require_output SERVICE_NAME ServiceName
wait_for_service_stable "$CLUSTER_NAME" "$SERVICE_NAME"

# A declined prod change set leaves the old image running; say so instead of
# reporting success.
if ! TASK_DEFINITION_ARN="$(aws ecs describe-services --cluster "$CLUSTER_NAME" --services "$SERVICE_NAME" \
  --region "$REGION" --query 'services[0].taskDefinition' --output text)"; then
  die "cannot read the task definition of service ${SERVICE_NAME}"
fi
if ! RUNNING_IMAGE="$(aws ecs describe-task-definition --task-definition "$TASK_DEFINITION_ARN" --region "$REGION" \
  --query "taskDefinition.containerDefinitions[?name=='${CONTAINER_NAME}'].image | [0]" --output text)"; then
  die "cannot read task definition ${TASK_DEFINITION_ARN}"
fi
if [[ "$RUNNING_IMAGE" != "${REPOSITORY_URI}:${IMAGE_TAG}" ]]; then
  die "service ${SERVICE_NAME} runs ${RUNNING_IMAGE}, not ${REPOSITORY_URI}:${IMAGE_TAG} (change set declined or rolled back?)"
fi

# --- 7. Where to find it -----------------------------------------------------------
require_output ALB_DNS_NAME LoadBalancerDnsName
require_output DASHBOARD_URL DashboardUrl

log "Deployed ${REPOSITORY_URI}:${IMAGE_TAG} to ${ENV}"
printf '\n  Dashboard URL:  %s\n' "$DASHBOARD_URL"
printf '  ALB DNS name:   %s\n' "$ALB_DNS_NAME"
printf '  (the certificate is for the dashboard name; https://%s shows a name mismatch)\n\n' "$ALB_DNS_NAME"
