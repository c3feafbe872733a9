#!/usr/bin/env bash
# C# path: `ecs-policy check` on a CDK app with 50 task definitions versus `cdk synth` of the same app
# (CDK_OUTDIR=dir dotnet run), after one warm-up build of the app. Usage: bench/csharp.sh WORKDIR CLI...
# (each CLI executable is measured: the .NET build and the native build, say).
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
work=$1
shift
clis=("$@")
app="$work/cdk50/app"
bash bench/cdk-app.sh 50 "$app"
dotnet build "$app" -v:q >"$work/cdk50-build.log" 2>&1 || { tail -20 "$work/cdk50-build.log"; exit 1; }

# Median of 3 runs each. Synth as the issue states it, `dotnet run` with CDK_OUTDIR on the built app (MSBuild's
# up-to-date check included, as `cdk synth` runs it), and without that check (`--no-build`, synth's most favourable
# case); check after one warm-up run.
median3() { sort -n | sed -n 2p; }
synth_ms() {
  for r in 1 2 3; do
    rm -rf "$work/cdk50.out"
    s=$(date +%s%N); CDK_OUTDIR="$work/cdk50.out" dotnet run --project "$app" "$@" >"$work/cdk50-synth.log" 2>&1; e=$(date +%s%N)
    echo $(((e - s) / 1000000))
  done | median3
}
synth_run=$(synth_ms)
synth=$(synth_ms --no-build)
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", a / b }'; }
echo "   cdk synth, dotnet run: $synth_run ms; dotnet run --no-build: $synth ms"
for cli in "${clis[@]}"; do
  "$cli" check "$app" >/dev/null 2>&1 || true # warm the file cache
  check=$(for r in 1 2 3; do
    s=$(date +%s%N); "$cli" check "$app" >"$work/cdk50-check.txt" 2>&1 || true; e=$(date +%s%N)
    echo $(((e - s) / 1000000))
  done | median3)
  "$cli" check "$work/cdk50.out" >"$work/cdk50-synth-check.txt" 2>&1 || true
  echo "   $(basename "$(dirname "$cli")") check of the source: $check ms, synth (dotnet run) / check $(ratio "$synth_run" "$check")x, synth --no-build / check $(ratio "$synth" "$check")x"
  echo "      findings from source: $(tail -1 "$work/cdk50-check.txt")"
  echo "      findings from cdk.out: $(tail -1 "$work/cdk50-synth-check.txt")"
done
