#!/usr/bin/env bash
# Measures EcsPolicy on this machine and prints the figures bench/README.md records.
#   bench/run.sh            everything (about 15 minutes on 2 cores)
#   bench/run.sh quick      throughput at 1,000 and 10,000 files and cold start only
# Inputs: the real-world task definitions of ../shared/corpus/taskdefs when present, else examples/.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
mode=${1:-all}
work=${BENCH_WORK:-/tmp/ecs-policy-bench}
mkdir -p "$work"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

echo "== machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -sr), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== publish the CLI: the .NET build (the dotnet tool: Release, ReadyToRun) and the native build"
rm -rf "$work/cli" "$work/native"
dotnet publish src/EcsPolicy.Cli -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true -o "$work/cli" >"$work/publish.log" 2>&1 \
  || { cat "$work/publish.log"; exit 1; }
bash scripts/publish-native.sh "$work/native" >"$work/publish-native.log" 2>&1 || { cat "$work/publish-native.log"; exit 1; }
clis=("$work/cli/ecs-policy" "$work/native/ecs-policy")
name() { case $1 in */native/*) echo native ;; *) echo .NET ;; esac; }

seeds="$repo/../shared/corpus/taskdefs"
[ -d "$seeds" ] || seeds="$repo/examples"
mapfile -t seed_files < <(find "$seeds" -name '*.json' | sort)
echo "   ${#seed_files[@]} seed task definitions from $seeds"

# Writes N files named by number and seed, spread over subdirectories of 1,000.
make_tree() {
  local n=$1 dir=$2 i
  [ -f "$dir/.done" ] && return
  rm -rf "$dir"; mkdir -p "$dir"
  for ((i = 0; i < n; i++)); do
    local sub="$dir/d$((i / 1000))"
    [ -d "$sub" ] || mkdir -p "$sub"
    cp "${seed_files[$((i % ${#seed_files[@]}))]}" "$sub/task-$i.json"
  done
  touch "$dir/.done"
}

# Prints files/s and peak RSS of the CLI over a tree (text report to /dev/null; the exit code is 1, as the corpus has
# findings): the median of RUNS runs (default 5), since a shared machine's figures vary from run to run.
throughput() {
  local cli=$1 n=$2 runs=${3:-5} dir="$work/tree-$2" r
  make_tree "$n" "$dir"
  for ((r = 0; r < runs; r++)); do
    /usr/bin/time -f "%e %M" -o "$work/time.txt" "$cli" check "$dir" >/dev/null 2>&1 || true
    tail -n 1 "$work/time.txt"
  done | sort -n | awk -v build="$(name "$cli")" -v n="$n" -v runs="$runs" '{ s[NR] = $1; m[NR] = $2 } END {
    i = int((runs + 1) / 2); printf "   %-6s %7d files: %6.2f s, %8.0f files/s, peak RSS %4.0f MB (median of %d runs, fastest %.2f s)\n", build, n, s[i], n / s[i], m[i] / 1024, runs, s[1] }'
}

echo "== throughput (whole process, both cores)"
for cli in "${clis[@]}"; do
  throughput "$cli" 1000
  throughput "$cli" 10000
  [ "$mode" = quick ] || throughput "$cli" 100000 3
done

echo "== cold start: check one file, whole process, median of 21"
one="${seed_files[0]}"
for cli in "${clis[@]}"; do
  for i in $(seq 21); do
    s=$(date +%s%N); "$cli" check "$one" >/dev/null 2>&1 || true; e=$(date +%s%N); echo $(((e - s) / 1000000))
  done | sort -n | awk -v build="$(name "$cli")" '{ a[NR] = $1 } END { printf "   %-6s check one file: %d ms median (min %d, max %d)\n", build, a[11], a[1], a[21] }'
  for i in $(seq 21); do
    s=$(date +%s%N); "$cli" --version >/dev/null 2>&1; e=$(date +%s%N); echo $(((e - s) / 1000000))
  done | sort -n | awk -v build="$(name "$cli")" '{ a[NR] = $1 } END { printf "   %-6s --version (runtime + command line only): %d ms median\n", build, a[11] }'
done

[ "$mode" = quick ] && exit 0

echo "== full lint versus parse-only, in one process (BenchmarkDotNet)"
dotnet run -c Release --project bench/EcsPolicy.Bench -- --filter '*LintVersusParse*' --exporters markdown \
  --artifacts "$work/bdn" >"$work/bdn.log" 2>&1 || { tail -30 "$work/bdn.log"; exit 1; }
grep -E '^\|' "$work/bdn/results/"*LintVersusParse*-report-github.md || tail -20 "$work/bdn.log"

if [ -x bench/csharp.sh ]; then
  echo "== C#: check of a CDK app with 50 task definitions versus cdk synth of it"
  bash bench/csharp.sh "$work" "${clis[@]}"
fi

echo "== analyzer: its share of the compiler's time on a CDK app with 200 task definitions"
bash bench/analyzer.sh "$work"
