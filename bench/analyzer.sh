#!/usr/bin/env bash
# Analyzer share of a build: `dotnet build -p:ReportAnalyzer=true -v:d` of a CDK app with 200 task definitions, the
# EcsPolicy analyzer (Release build of src/EcsPolicy.Analyzers and the assemblies it loads) added as Analyzer items.
# Prints the analyzer's execution time, the compiler task's (Csc) time and the share. Usage: bench/analyzer.sh WORKDIR
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
work=$1
app="$work/cdk200/app"
dotnet build src/EcsPolicy.Analyzers -c Release -v:q -o "$work/analyzer" >"$work/analyzer-build.log" 2>&1 \
  || { tail -20 "$work/analyzer-build.log"; exit 1; }
yaml=$(find "${NUGET_PACKAGES:-$HOME/.nuget/packages}/yamldotnet/16.3.0/lib/netstandard2.0" -name YamlDotNet.dll | head -1)
bash bench/cdk-app.sh 200 "$app"
{
  echo '<Project>'
  echo '  <ItemGroup>'
  for dll in "$work"/analyzer/EcsPolicy.Analyzers.dll "$work"/analyzer/EcsPolicy.Core.dll "$work"/analyzer/EcsPolicy.CSharp.dll "$yaml"; do
    echo "    <Analyzer Include=\"$dll\" />"
  done
  echo '  </ItemGroup>'
  echo '</Project>'
} >"$app/Directory.Build.targets"

dotnet restore "$app" -v:q >/dev/null
# Median of 3 builds after a warm-up, in two set-ups: a fresh compiler process per build (UseSharedCompilation=false,
# as on this machine and in many CI containers: the analyzer's assemblies are loaded and JIT-compiled every time) and
# the compiler server (VBCSCompiler, the default on a developer machine: the analyzer stays loaded between builds).
measure() {
  local shared=$1 label=$2 r
  dotnet build "$app" --no-restore -v:q -p:UseSharedCompilation="$shared" >/dev/null 2>&1 || true
  for r in 1 2 3; do
    local log="$work/cdk200-build-$shared-$r.log"
    touch "$app/Program.cs"
    dotnet build "$app" --no-restore -p:UseSharedCompilation="$shared" -p:ReportAnalyzer=true -v:d -clp:PerformanceSummary >"$log" 2>&1 || true
    local analyzer total csc errors
    analyzer=$(grep -m1 -E 'EcsPolicy\.Analyzers, Version=' "$log" | awk '{ print $1 }' | tr -d '<')
    total=$(grep -m1 -oE 'Total analyzer execution time: [0-9.]+' "$log" | grep -oE '[0-9.]+$')
    csc=$(grep -E '^[[:space:]]+[0-9]+ ms[[:space:]]+Csc[[:space:]]' "$log" | tail -1 | awk '{ print $1 }')
    errors=$(grep -E 'Program\.cs\([0-9]+,[0-9]+\): error ECS' "$log" | sort -u | wc -l)
    echo "${analyzer:-0} ${total:-0} ${csc:-0} $errors"
  done | sort -n | sed -n 2p | awk -v label="$label" '{ printf "   %s: EcsPolicy analyzer %.0f ms (all analyzers %.0f ms), Csc task %d ms: %.1f%% of the compiler task; %d ECS errors (median of 3 builds)\n", label, $1 * 1000, $2 * 1000, $3, $1 * 100000 / $3, $4 }'
}
measure false "fresh compiler process"
measure true "compiler server"
dotnet build-server shutdown >/dev/null 2>&1 || true
