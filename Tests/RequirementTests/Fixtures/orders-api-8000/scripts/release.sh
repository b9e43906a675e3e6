#!/usr/bin/env bash
set -euo pipefail
STAGE="$1"
TAG="$(git rev-parse HEAD)"
sam deploy --config-file samconfig.yaml --config-env "$STAGE" \
  --template-file cloudformation/stack.yaml \
  --parameter-overrides "Stage=${STAGE}" "Tag=${TAG}"
