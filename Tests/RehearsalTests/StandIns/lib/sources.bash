# shellcheck shell=bash
# Readers for the two files the sam stand-in needs: samconfig.toml and the SAM template.
# Deliberately small and independent of vibe-rules' own parsers (so the rehearsal does not
# share their mistakes): they read this repository's layout (a block-style template,
# one key = value per line in samconfig), not every valid TOML or YAML file.

# samconfig_value FILE ENV KEY: the value of KEY in [ENV.deploy.parameters], else in
# [ENV.global.parameters]; strings unquoted, arrays as space-separated words. Status 1
# when neither table sets KEY. SAM CLI reads a named config env only, never [default.*]
# ("AWS SAM CLI configuration file", rules of precedence,
# https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/serverless-sam-cli-config.html).
samconfig_value() {
  local file="$1" env="$2" key="$3" raw table
  [[ -f "$file" ]] || return 1
  for table in "$env.deploy.parameters" "$env.global.parameters"; do
    raw="$(awk -v table="$table" -v key="$key" '
      /^[[:space:]]*\[/ { line = $0; gsub(/[[:space:]\[\]]/, "", line); inside = (line == table); next }
      inside {
        line = $0
        sub(/^[[:space:]]+/, "", line)
        if (index(line, key) != 1) next
        rest = substr(line, length(key) + 1)
        if (rest !~ /^[[:space:]]*=/) next
        sub(/^[[:space:]]*=[[:space:]]*/, "", rest)
        sub(/[[:space:]]+$/, "", rest)
        print rest
        found = 1
        exit
      }
      END { exit found ? 0 : 1 }
    ' "$file")" || continue
    if [[ "$raw" == \"*\" ]]; then
      raw="${raw:1:${#raw}-2}"
      raw="${raw//\\\"/\"}"
      raw="${raw//\\\\/\\}"
    elif [[ "$raw" == \[*\] ]]; then
      raw="${raw:1:${#raw}-2}"
      raw="${raw//\", \"/ }"
      raw="${raw//\",\"/ }"
      raw="${raw//\"/}"
    fi
    printf '%s\n' "$raw"
    return 0
  done
  return 1
}

# template_parameters FILE: one line per template parameter, "Name<TAB>required" or
# "Name<TAB>default<TAB>value".
template_parameters() {
  awk '
    /^Parameters:[[:space:]]*$/ { inside = 1; next }
    inside && /^[^[:space:]#]/ { inside = 0 }
    !inside { next }
    /^  [A-Za-z0-9]+:[[:space:]]*$/ {
      if (name != "") emit()
      name = $1; sub(/:$/, "", name); has_default = 0; value = ""
      next
    }
    /^    Default:/ {
      has_default = 1
      value = $0; sub(/^    Default:[[:space:]]*/, "", value); sub(/[[:space:]]+#.*$/, "", value)
      if (value ~ /^".*"$/ || value ~ /^'\''.*'\''$/) value = substr(value, 2, length(value) - 2)
    }
    function emit() { if (has_default) print name "\tdefault\t" value; else print name "\trequired" }
    END { if (name != "") emit() }
  ' "$1"
}

# template_sub_pattern FILE PROPERTY: the !Sub string of the first resource property
# PROPERTY (RepositoryName, ClusterName, ServiceName), e.g. vibejudge-dashboard-${Environment}.
template_sub_pattern() {
  awk -v property="$2" '
    /^Resources:/ { inside = 1; next }
    inside && /^[^[:space:]#]/ { inside = 0 }
    inside && $1 == property ":" && $2 == "!Sub" {
      value = $0; sub(/^[^"]*"/, "", value); sub(/".*$/, "", value); print value; exit
    }
  ' "$1"
}

# template_container_name FILE: the Name of the first container definition.
template_container_name() {
  awk '
    /ContainerDefinitions:/ { inside = 1; next }
    inside && /- Name:/ { value = $0; sub(/^.*- Name:[[:space:]]*/, "", value); gsub(/"/, "", value); print value; exit }
  ' "$1"
}

# template_mapping_value FILE MAPPING KEY NAME: a value of the Mappings section.
template_mapping_value() {
  awk -v mapping="$2" -v key="$3" -v name="$4" '
    /^Mappings:/ { in_mappings = 1; next }
    in_mappings && /^[^[:space:]#]/ { in_mappings = 0 }
    !in_mappings { next }
    /^  [^ ]/ { in_mapping = ($1 == mapping ":"); in_key = 0; next }
    in_mapping && /^    [^ ]/ { in_key = ($1 == key ":"); next }
    in_mapping && in_key && $1 == name ":" { print $2; exit }
  ' "$1"
}

# template_has_resource_type FILE TYPE: true when a resource has Type TYPE.
template_has_resource_type() {
  grep -Eq "^[[:space:]]+Type:[[:space:]]+${2}[[:space:]]*$" "$1"
}

# parse_overrides TEXT: print one Key<TAB>Value line per pair of a SAM CLI
# --parameter-overrides value ("Key=Value Key2=\"quoted value\""); quotes removed.
parse_overrides() {
  local text="$1" value
  local pattern='^[[:space:]]*(ParameterKey=)?([A-Za-z0-9]+)(=|,ParameterValue=)("([^"\\]|\\.)*"|'"'"'[^'"'"']*'"'"'|[^[:space:]]*)'
  while [[ "$text" =~ $pattern ]]; do
    value="${BASH_REMATCH[4]}"
    if [[ "$value" == \"*\" || "$value" == \'*\' ]]; then
      value="${value:1:${#value}-2}"
    fi
    printf '%s\t%s\n' "${BASH_REMATCH[2]}" "$value"
    text="${text:${#BASH_REMATCH[0]}}"
  done
}
