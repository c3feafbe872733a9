#!/usr/bin/env bash
# Analyzer share of a build: `dotnet build -p:ReportAnalyzer=true -v:d` of a CDK app with 200 task definitions that
# references the EcsPolicy.Analyzers package as users do (packed here into a local feed, with a version of its own).
# Prints the analyzer's execution time, the compiler task's (Csc) time and the share, in three set-ups:
#   - a fresh compiler process per build (UseSharedCompilation=false, as on this machine and in many CI containers),
#     with the assemblies the package's targets choose here (on linux-x64 with the .NET 10 SDK: the ReadyToRun copies);
#   - the same with EcsPolicyReadyToRun=false (the IL assemblies, as every other host loads them);
#   - the compiler server (VBCSCompiler, the default on a developer machine: the analyzer stays loaded between builds).
# Usage: bench/analyzer.sh WORKDIR
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(realpath -m "$1")
app="$work/cdk200/app"
feed="$work/analyzer-feed"
version="0.1.0-bench.$(date +%Y%m%d%H%M%S)"
rm -rf "$feed"
dotnet pack src/EcsPolicy.Analyzers.Package -c Release -o "$feed" -p:PackageVersion="$version" -v:q >"$work/analyzer-pack.log" 2>&1 \
  || { tail -20 "$work/analyzer-pack.log"; exit 1; }
bash bench/cdk-app.sh 200 "$app"
root=$(dirname "$app")
sed -i "s#  </ItemGroup>#    <PackageVersion Include=\"EcsPolicy.Analyzers\" Version=\"$version\" />\n  </ItemGroup>#" "$root/Directory.Packages.props"
sed -i 's#<PackageReference Include="Constructs" />#<PackageReference Include="Constructs" />\n    <PackageReference Include="EcsPolicy.Analyzers" PrivateAssets="all" />#' "$app/App.csproj"
cat >"$root/nuget.config" <<XML
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources><add key="ecs-policy-bench" value="$feed" /></packageSources>
</configuration>
XML
dotnet restore "$app" -v:q >/dev/null

# Median of 3 builds after a warm-up.
measure() {
  local shared=$1 label=$2 name=$3 r
  shift 3
  dotnet build "$app" --no-restore -v:q -p:UseSharedCompilation="$shared" "$@" >/dev/null 2>&1 || true
  for r in 1 2 3; do
    local log="$work/cdk200-build-$name-$r.log"
    touch "$app/Program.cs"
    dotnet build "$app" --no-restore -p:UseSharedCompilation="$shared" -p:ReportAnalyzer=true -v:d -clp:PerformanceSummary "$@" >"$log" 2>&1 || true
    local analyzer total csc errors
    analyzer=$(grep -m1 -E 'EcsPolicy\.Analyzers, Version=' "$log" | awk '{ print $1 }' | tr -d '<')
    total=$(grep -m1 -oE 'Total analyzer execution time: [0-9.]+' "$log" | grep -oE '[0-9.]+$')
    csc=$(grep -E '^[[:space:]]+[0-9]+ ms[[:space:]]+Csc[[:space:]]' "$log" | tail -1 | awk '{ print $1 }')
    errors=$(grep -E 'Program\.cs\([0-9]+,[0-9]+\): error ECS' "$log" | sort -u | wc -l)
    echo "${analyzer:-0} ${total:-0} ${csc:-0} $errors"
  done | sort -n | sed -n 2p | awk -v label="$label" '{ printf "   %s: EcsPolicy analyzer %.0f ms (all analyzers %.0f ms), Csc task %d ms: %.1f%% of the compiler task; %d ECS errors (median of 3 builds)\n", label, $1 * 1000, $2 * 1000, $3, $1 * 100000 / $3, $4 }'
}
ready=$(dotnet msbuild "$app" -t:ResolveLockFileAnalyzers -getItem:Analyzer 2>/dev/null | grep -c 'ReadyToRun/linux-x64/EcsPolicy.Core.dll' || true)
echo "   (the compiler gets the ReadyToRun assemblies here: $([ "$ready" -gt 0 ] && echo yes || echo no))"
measure false "fresh compiler process" fresh
measure false "fresh compiler process, IL assemblies (EcsPolicyReadyToRun=false)" fresh-il -p:EcsPolicyReadyToRun=false
measure true "compiler server" server
dotnet build-server shutdown >/dev/null 2>&1 || true
