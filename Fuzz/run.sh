#!/usr/bin/env bash
# Builds the libFuzzer targets (SwiftPM's --sanitize=fuzzer --sanitize=address, release)
# and runs each for SECONDS (default 60) on seed corpora: this repository's own files,
# the shared corpora in ../shared (copied, never modified) and the crash regression
# inputs in Fuzz/Regressions/<target>/ (each also run by Tests/RobustnessTests).
#
#   Fuzz/run.sh [SECONDS] [TARGET...]
#
# Work files live in .build-fuzz/ (git-ignored): corpus/<target>/ grows from run to run,
# artifacts/<target>/ holds any crash, timeout or out-of-memory input. Exits 1 if any
# target found one; each such input becomes a regression test (see Fuzz/README.md).
set -euo pipefail

seconds=${1:-60}
shift || true
all_targets=(FuzzTemplate FuzzSamConfig FuzzDockerfile FuzzDockerIgnore FuzzDeployScript FuzzAllowedPattern FuzzImageArchive)
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=("${all_targets[@]}")

root="$(cd "$(dirname "$0")/.." && pwd)"
shared="$(cd "$root/.." && pwd)/shared"
scratch="$root/.build-fuzz"
regressions="$root/Fuzz/Regressions"
cd "$root"
mkdir -p "$scratch"

# SwiftPM re-plans a path dependency's files (a source file added to the main package)
# only when the root manifest changes; touching it keeps an old .build-fuzz in step.
touch Fuzz/Package.swift
build_flags=(-c release --package-path Fuzz --scratch-path "$scratch" --sanitize=fuzzer --sanitize=address)
for target in "${targets[@]}"; do
  echo "== build $target"
  # One product at a time: building the whole graph would also link the main package's
  # vibe-rules executable, whose `main` clashes with libFuzzer's.
  # (ld.gold's "Cannot export local symbol '__asan_...'" warnings are harmless.)
  if ! swift build "${build_flags[@]}" --product "$target" >"$scratch/build-$target.log" 2>&1; then
    grep -v "Cannot export local symbol" "$scratch/build-$target.log" >&2
    echo "build of $target failed" >&2
    exit 2
  fi
  tail -1 "$scratch/build-$target.log"
done
bin="$(swift build "${build_flags[@]}" --show-bin-path)"

# seed TARGET FILE...: copies files into the target's corpus, named by content hash.
seed() {
  local target=$1
  shift
  local dir="$scratch/corpus/$target"
  mkdir -p "$dir"
  local file
  for file in "$@"; do
    [ -f "$file" ] || continue
    # ../shared may be read-only (as in CI): the copy is made writable.
    local copy
    copy="$dir/seed-$(sha1sum "$file" | cut -c1-16)"
    cp -f "$file" "$copy"
    chmod u+w "$copy"
  done
}

seed_from() { # seed_from TARGET DIRECTORY FIND-ARGS...
  local target=$1 directory=$2
  shift 2
  [ -d "$directory" ] || return 0
  local files=()
  mapfile -d '' files < <(find "$directory" -type f \( "$@" \) -print0)
  [ ${#files[@]} -eq 0 ] || seed "$target" "${files[@]}"
}

for target in "${targets[@]}"; do
  case $target in
  FuzzTemplate)
    seed "$target" infra/template.yaml
    seed_from "$target" "$shared/corpus/cfn-lint-good" -name '*.yaml' -o -name '*.yml' -o -name '*.json'
    seed_from "$target" "$shared/corpus/cfn-lint-bad-parse" -name '*.yaml' -o -name '*.yml' -o -name '*.json'
    seed_from "$target" "$shared/cases" -name 'template.yaml'
    ;;
  FuzzSamConfig)
    seed "$target" infra/samconfig.toml
    seed_from "$target" "$shared/cases" -name 'samconfig.*'
    ;;
  FuzzDockerfile)
    seed "$target" docker/Dockerfile
    seed_from "$target" "$shared/corpus/buildkit-parser" -name 'Dockerfile'
    seed_from "$target" "$shared/cases" -name 'Dockerfile'
    ;;
  FuzzDockerIgnore)
    seed "$target" .dockerignore
    seed_from "$target" "$shared/cases" -name '.dockerignore'
    ;;
  FuzzDeployScript)
    seed "$target" deploy.sh
    seed_from "$target" "$shared/cases" -name 'deploy.sh'
    ;;
  FuzzAllowedPattern)
    # Each AllowedPattern written in this repository's template and the shared corpora,
    # as "pattern NUL value" with a value of 30 a's and a '!' (what backtracking chokes on).
    mkdir -p "$scratch/corpus/$target"
    grep -rhoE 'AllowedPattern"? *: *.*' infra "$shared/corpus" "$shared/cases" 2>/dev/null | sort -u |
      while IFS= read -r line; do
        pattern=$(printf '%s' "$line" | sed -E 's/^AllowedPattern"? *: *//; s/,$//; s/^"(.*)"$/\1/; s/^'"'"'(.*)'"'"'$/\1/')
        printf '%s\0aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!' "$pattern" >"$scratch/corpus/$target/seed-$(printf '%s' "$pattern" | sha1sum | cut -c1-16)"
      done
    ;;
  FuzzImageArchive)
    # A small docker save archive (manifest.json, a config, a plain and a gzip layer,
    # one listed twice) and an OCI image layout of the same image, in ustar and PAX
    # headers: what Docker and BuildKit write, in a few kilobytes.
    image="$scratch/seed-image"
    rm -rf "$image" && mkdir -p "$image/save/l1" "$image/save/l2" "$image/oci/blobs/sha256"
    printf 'app' >"$image/app.py"
    tar -cf "$image/save/l1/layer.tar" -C "$image" app.py
    gzip -c "$image/save/l1/layer.tar" >"$image/save/l2/layer.tar"
    printf '{"architecture":"amd64","os":"linux","created":"2026-11-29T12:00:00Z"}' >"$image/save/c.json"
    printf '[{"Config":"c.json","RepoTags":["dash:1"],"Layers":["l1/layer.tar","l2/layer.tar","l1/layer.tar"]}]' >"$image/save/manifest.json"
    config=$(sha256sum <"$image/save/c.json" | cut -c1-64)
    layer=$(sha256sum <"$image/save/l2/layer.tar" | cut -c1-64)
    cp "$image/save/c.json" "$image/oci/blobs/sha256/$config"
    cp "$image/save/l2/layer.tar" "$image/oci/blobs/sha256/$layer"
    printf '{"schemaVersion":2,"config":{"digest":"sha256:%s"},"layers":[{"digest":"sha256:%s"}]}' "$config" "$layer" >"$image/manifest"
    manifest=$(sha256sum <"$image/manifest" | cut -c1-64)
    mv "$image/manifest" "$image/oci/blobs/sha256/$manifest"
    printf '{"schemaVersion":2,"manifests":[{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"sha256:%s","platform":{"architecture":"amd64","os":"linux"}}]}' "$manifest" >"$image/oci/index.json"
    for format in ustar pax; do
      tar --format=$format -cf "$image/save-$format.tar" -C "$image/save" .
      tar --format=$format -cf "$image/oci-$format.tar" -C "$image/oci" .
    done
    seed "$target" "$image"/*.tar
    ;;
  esac
  seed_from "$target" "$regressions/$target" -type f
done

failed=()
for target in "${targets[@]}"; do
  artifacts="$scratch/artifacts/$target"
  mkdir -p "$artifacts"
  dictionary=()
  [ -f "Fuzz/Dictionaries/$target.dict" ] && dictionary=(-dict="Fuzz/Dictionaries/$target.dict")
  echo "== fuzz $target for ${seconds}s ($(find "$scratch/corpus/$target" -type f | wc -l) corpus files)"
  # -timeout: one input taking over 10 s is a hang; -rss_limit_mb: 2 GiB is a runaway
  # allocation (the documented bounds are far lower; see Fuzz/README.md);
  # SWIFT_BACKTRACE=enable=no: let libFuzzer, not Swift's backtracer, report a crash;
  # the LeakSanitizer suppressions name a dependency's leaks (see the file).
  status=0
  SWIFT_BACKTRACE=enable=no LSAN_OPTIONS="suppressions=$root/Fuzz/lsan-suppressions.txt" "$bin/$target" "${dictionary[@]}" \
    -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
    -print_final_stats=1 -artifact_prefix="$artifacts/" \
    "$scratch/corpus/$target" >"$scratch/$target.log" 2>&1 || status=$?
  grep -E "^(Done|stat::number_of_executed_units|stat::peak_rss_mb)|^==[0-9]+==ERROR|^SUMMARY|deadly signal|Timeout|out-of-memory" "$scratch/$target.log" || true
  if [ "$status" -ne 0 ]; then
    echo "!! $target stopped with status $status; input(s) in $artifacts, log in $scratch/$target.log" >&2
    failed+=("$target")
  fi
done

if [ ${#failed[@]} -ne 0 ]; then
  echo "fuzzing found problems in: ${failed[*]}" >&2
  exit 1
fi
echo "fuzzing: ${#targets[@]} targets, ${seconds}s each, no crash, hang or runaway allocation"
