# shellcheck shell=bash
# The stand-ins' shared state: the call log and the simulated AWS account, registry and
# Docker engine, all files under $REHEARSAL_WORLD. Sourced by bin/aws, bin/sam,
# bin/docker and bin/git; never run on its own.
#
# Layout of $REHEARSAL_WORLD (every value is one file, one value):
#   calls.log                                  one line per call: clock, tool, argv (US-separated)
#   account                                    the AWS account ID
#   docker/images/<ref, / as %2F>              image ID of a local image
#   docker/logins/<registry>                   the user name a `docker login` stored
#   ecr/<region>/<repository>/tags/<tag>       digest of the pushed image
#   stacks/<region>/<stack>/status             CloudFormation stack status
#   stacks/<region>/<stack>/parameters         Key=Value lines, the stack's parameter values
#   stacks/<region>/<stack>/template           checksum of the template last deployed
#   stacks/<region>/<stack>/outputs/<Key>      output values
#   stacks/<region>/<stack>/resources/<LogicalId>  physical ID (EcrRepository, Cluster)
#   ecs/<region>/<cluster>/<service>/{image,task-definition,revision,deployed-at,desired}
#   task-definitions/<region>/<family>:<rev>   image of the container (name on line 1, image on line 2)
#   sam/deploy-<n>.params                      effective parameters of the n-th sam deploy:
#                                              Key=Value<TAB>override|previous|default|missing<TAB>required|default
#   sam/deploy-<n>.meta                        stack=, region=, config-env=, outcome= lines
#
# Knobs (environment, per run): REHEARSAL_FAULTS (space-separated fault names, see
# world_fault), REHEARSAL_GIT_SHA, REHEARSAL_GIT_DIRTY, REHEARSAL_SAM_VERSION,
# REHEARSAL_SERVICE_STABLE_AFTER (seconds after a deployment starts). REHEARSAL_CLOCK is
# the virtual clock in seconds, exported by prelude.bash's sleep.

: "${REHEARSAL_WORLD:?the stand-ins need REHEARSAL_WORLD}"
: "${REHEARSAL_CLOCK:=0}"

readonly US=$'\x1f'

# world_record TOOL ARG...: append one call to calls.log (newlines in arguments as \n).
world_record() {
  local line="$REHEARSAL_CLOCK" argument
  for argument in "$@"; do
    line+="${US}${argument//$'\n'/\\n}"
  done
  printf '%s\n' "$line" >>"$REHEARSAL_WORLD/calls.log"
}

# world_fault NAME: true when the run injects fault NAME (a word of REHEARSAL_FAULTS).
world_fault() {
  local fault
  for fault in ${REHEARSAL_FAULTS:-}; do
    [[ "$fault" == "$1" ]] && return 0
  done
  return 1
}

# world_read FILE [DEFAULT]: print the first line of a world file, or DEFAULT.
world_read() {
  local value
  if [[ -f "$REHEARSAL_WORLD/$1" ]] && IFS= read -r value <"$REHEARSAL_WORLD/$1"; then
    printf '%s\n' "$value"
  elif [[ -f "$REHEARSAL_WORLD/$1" ]]; then
    printf '\n'
  else
    printf '%s\n' "${2:-}"
  fi
}

# world_write FILE VALUE: replace a world file with one value.
world_write() {
  mkdir -p "$REHEARSAL_WORLD/$(dirname "$1")"
  printf '%s\n' "$2" >"$REHEARSAL_WORLD/$1"
}

world_account() { world_read account 123456789012; }

# world_sha256 TEXT: the hex SHA-256 of TEXT.
world_sha256() {
  local sum
  sum="$(printf '%s' "$1" | sha256sum)"
  printf '%s\n' "${sum%% *}"
}

# world_key TEXT: TEXT usable as one file name (/ becomes %2F).
world_key() { printf '%s\n' "${1//\//%2F}"; }

# world_registry_region HOST: the region of an ECR registry host
# (<account>.dkr.ecr.<region>.amazonaws.com), or nothing.
world_registry_region() {
  local host="$1" rest
  [[ "$host" == *.dkr.ecr.*.amazonaws.com ]] || return 1
  rest="${host#*.dkr.ecr.}"
  printf '%s\n' "${rest%.amazonaws.com}"
}

# world_ecr_token REGION: the password `aws ecr get-login-password` gives for REGION.
world_ecr_token() {
  printf 'eyJwYXlsb2FkIjoiQVdTIiwicmVnaW9uIjoi%s-%s\n' "$(world_account)" "$1"
}

# world_stack_dir REGION STACK: the stack's directory (it exists when the stack does).
world_stack_dir() { printf '%s/stacks/%s/%s\n' "$REHEARSAL_WORLD" "$1" "$2"; }

# world_unsupported TOOL ARG...: a call the stand-ins do not emulate. Fails loudly so the
# harness notices that deploy.sh started using something new.
world_unsupported() {
  printf 'rehearsal stand-in: unsupported call: %s\n' "$*" >&2
  exit 99
}
