#!/usr/bin/env bash
# Analyzer share of a build: `dotnet build -p:ReportAnalyzer=true` of a CDK app with 200 task definitions that
# references the EcsPolicy.Analyzers package as users do (packed here into a local feed, with a version of its own).
# Prints the analyzer's execution time and its share of the compiler task (Csc), and the Csc task's time with and
# without the analyzer (the same build with the package's analyzer items removed), in three set-ups:
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
dotnet pack src/EcsPolicy.Analyzers.Package -c Release -o "$feed" -p:PackageVersion="$version" -p:MinVerVersionOverride="$version" -v:q >"$work/analyzer-pack.log" 2>&1 \
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

# The app's targets can leave the EcsPolicy analyzer out (BenchWithoutEcsPolicy=true) to time the same build without it.
cat >"$app/Directory.Build.targets" <<'XML'
<Project>
  <Target Name="_BenchWithoutEcsPolicy" AfterTargets="ResolveLockFileAnalyzers" Condition="'$(BenchWithoutEcsPolicy)' == 'true'">
    <ItemGroup>
      <Analyzer Remove="@(Analyzer)" Condition="$([System.String]::Copy('%(FullPath)').Contains('ecspolicy.analyzers'))" />
    </ItemGroup>
  </Target>
</Project>
XML

# Five rounds after warm-up rounds, each a build with the analyzer and one without it. The builds log quietly to the
# console (printing some 800 diagnostics in detail slows MSBuild's Csc task by hundreds of milliseconds, which is not
# the analyzer's doing) and in full to a binary log, read back for the analyzer times. Warm-up: one round for a fresh
# compiler process; ten for the compiler server, whose code (the compiler's and ours, which the runtime compiles to
# its final tier over the first builds) is still getting faster after five.
build() { # log, properties...; prints the Csc task's milliseconds
  local log=$1
  shift
  touch "$app/Program.cs"
  dotnet build "$app" --no-restore -p:ReportAnalyzer=true -v:q -clp:PerformanceSummary -bl:"$log.binlog" "$@" >"$log" 2>&1 || true
  { grep -E '^[[:space:]]+[0-9]+ ms[[:space:]]+Csc[[:space:]]' "$log" || true; } | tail -1 | awk '{ print $1 }'
}
measure() { # shared compilation, label, name, warm-up rounds, properties...
  local shared=$1 label=$2 name=$3 warmup=$4 r
  shift 4
  for r in $(seq "$warmup"); do
    build "$work/warm-up.log" -p:UseSharedCompilation="$shared" "$@" >/dev/null
    build "$work/warm-up.log" -p:UseSharedCompilation="$shared" -p:BenchWithoutEcsPolicy=true "$@" >/dev/null
  done
  for r in 1 2 3 4 5; do
    local log="$work/cdk200-build-$name-$r.log" analyzer csc without errors
    csc=$(build "$log" -p:UseSharedCompilation="$shared" "$@")
    without=$(build "$work/cdk200-build-$name-without-$r.log" -p:UseSharedCompilation="$shared" -p:BenchWithoutEcsPolicy=true "$@")
    dotnet msbuild "$log.binlog" -v:d -noconlog -flp:logfile="$log.detailed;verbosity=detailed" >/dev/null 2>&1 || true
    analyzer=$(grep -m1 -E 'EcsPolicy\.Analyzers, Version=' "$log.detailed" | awk '{ print $1 }' | tr -d '<')
    errors=$(grep -E 'Program\.cs\([0-9]+,[0-9]+\): error ECS' "$log" | sort -u | wc -l)
    echo "${analyzer:-0} ${csc:-0} ${without:-0} $errors"
  done >"$work/cdk200-$name.txt"
  local share with base
  share=$(sort -n "$work/cdk200-$name.txt" | sed -n 3p | awk '{ printf "EcsPolicy analyzer %.0f ms of a %d ms Csc task: %.1f%%; %d ECS errors", $1 * 1000, $2, $1 * 100000 / $2, $4 }')
  with=$(awk '{ print $2 }' "$work/cdk200-$name.txt" | sort -n | sed -n 3p)
  base=$(awk '{ print $3 }' "$work/cdk200-$name.txt" | sort -n | sed -n 3p)
  echo "   $label: $share; Csc task $with ms with the analyzer, $base ms without ($(awk -v a="$with" -v b="$base" 'BEGIN { printf "%+.1f%%", (a - b) * 100 / b }')) (medians of 5 rounds)"
}
ready=$(dotnet msbuild "$app" -t:ResolveLockFileAnalyzers -getItem:Analyzer 2>/dev/null | grep -c 'ReadyToRun/linux-x64/EcsPolicy.Core.dll' || true)
echo "   (the compiler gets the ReadyToRun assemblies here: $([ "$ready" -gt 0 ] && echo yes || echo no))"
measure false "fresh compiler process" fresh 1
measure false "fresh compiler process, IL assemblies (EcsPolicyReadyToRun=false)" fresh-il 1 -p:EcsPolicyReadyToRun=false
dotnet build-server shutdown >/dev/null 2>&1 || true
measure true "compiler server" server 10
dotnet build-server shutdown >/dev/null 2>&1 || true
