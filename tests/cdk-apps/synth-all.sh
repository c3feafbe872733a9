#!/usr/bin/env bash
# Synthesizes every CDK test app in this directory (each subdirectory with a cdk.json) into OUTDIR/<app>/.
# The apps are built one after the other first, then run two at a time (`dotnet run --no-build`, CDK_OUTDIR set).
# Build and synth logs go to OUTDIR/logs/<app>.{build,synth}.log. Exits non-zero if any app fails to build or synthesize.
#
#   tests/cdk-apps/synth-all.sh /tmp/cdk-apps
#   dotnet run --project src/EcsPolicy.Cli -- check /tmp/cdk-apps/alb-fargate-web
set -uo pipefail

if [ $# -ne 1 ]; then
  echo "usage: $0 OUTDIR" >&2
  exit 2
fi

here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$1/logs" || exit 2
out=$(cd "$1" && pwd)
logs="$out/logs"
rm -f "$logs"/*.failed

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

apps=()
for dir in "$here"/*/; do
  [ -f "$dir/cdk.json" ] && apps+=("$(basename "$dir")")
done
if [ ${#apps[@]} -eq 0 ]; then
  echo "synth-all: no apps under $here" >&2
  exit 2
fi

now() { date +%s.%N; }
elapsed() { awk -v s="$1" -v e="$2" 'BEGIN { printf "%.1f", e - s }'; }

failed=()
for app in "${apps[@]}"; do
  start=$(now)
  if dotnet build "$here/$app" -nologo -v q -m:1 >"$logs/$app.build.log" 2>&1; then
    echo "built       $app ($(elapsed "$start" "$(now)") s)"
  else
    echo "BUILD FAIL  $app (see $logs/$app.build.log)" >&2
    failed+=("$app")
  fi
done

synth_one() {
  local app=$1 here=$2 out=$3 logs=$4 start rc
  rm -rf "${out:?}/$app"
  mkdir -p "$out/$app"
  start=$(date +%s.%N)
  (cd "$here/$app" && CDK_OUTDIR="$out/$app" dotnet run --no-build --project "$here/$app") >"$logs/$app.synth.log" 2>&1
  rc=$?
  local secs
  secs=$(awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN { printf "%.1f", e - s }')
  if [ $rc -eq 0 ] && ls "$out/$app"/*.template.json >/dev/null 2>&1; then
    echo "synthesized $app ($secs s)"
  else
    echo "SYNTH FAIL  $app (exit $rc, $secs s; see $logs/$app.synth.log)" >&2
    return 1
  fi
}
export -f synth_one

to_run=()
for app in "${apps[@]}"; do
  [[ " ${failed[*]-} " == *" $app "* ]] || to_run+=("$app")
done

if [ ${#to_run[@]} -gt 0 ]; then
  printf '%s\n' "${to_run[@]}" \
    | xargs -P 2 -I '{}' bash -c 'synth_one "$1" "$2" "$3" "$4" || touch "$4/$1.failed"' _ '{}' "$here" "$out" "$logs"
fi

for app in "${to_run[@]}"; do
  if [ -e "$logs/$app.failed" ]; then
    failed+=("$app")
    rm -f "$logs/$app.failed"
  fi
done

if [ ${#failed[@]} -gt 0 ]; then
  echo "synth-all: ${#failed[@]} of ${#apps[@]} app(s) failed: ${failed[*]}" >&2
  exit 1
fi
echo "synth-all: ${#apps[@]} app(s) synthesized into $out"
