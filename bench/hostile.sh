#!/usr/bin/env bash
# The worst cases of issue 18 (fail closed): small hostile inputs that once took minutes or gigabytes. Each is checked
# by one `ecs-policy check` process; prints wall time, CPU time, peak RSS, exit code and the ECS0001/ECS0009 findings.
# Goal: every one under 2 s and 300 MB, exit 2 where a part was not checked. Usage: bench/hostile.sh [CLI] (default: the
# Release build of src/EcsPolicy.Cli, built first). only=REGEX bench/hostile.sh runs the cases whose names match.
set -uo pipefail
cd "$(dirname "$0")/.."
if [ $# -gt 0 ]; then cli=("$@"); else
  dotnet build src/EcsPolicy.Cli -c Release -v:q >/dev/null || exit 1
  cli=(dotnet src/EcsPolicy.Cli/bin/Release/net10.0/ecs-policy.dll)
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 bench/hostile-inputs.py "$work"

# Files the reader must refuse or cap: pipes, devices, a sparse 1 GB file re-read for SARIF fingerprints, link loops.
mkdir -p "$work/cs-fifo" "$work/cs-zero" "$work/sarif-1gb" "$work/config-zero" "$work/policies-hostile/policies" "$work/fifos-200"
mkfifo "$work/cs-fifo/Stack.cs"
ln -s /dev/zero "$work/cs-zero/Stack.cs"
truncate -s 1G "$work/sarif-1gb/taskdef.json"
cp "$work/policy-regex/taskdef.json" "$work/config-zero/taskdef.json"
ln -s /dev/zero "$work/config-zero/.editorconfig"
mkfifo "$work/config-zero/.globalconfig"
cp "$work/policy-regex/taskdef.json" "$work/policies-hostile/taskdef.json"
mkfifo "$work/policies-hostile/policies/pipe.yaml"
ln -s /dev/zero "$work/policies-hostile/policies/zero.yaml"
ln -s loop-b.yaml "$work/policies-hostile/policies/loop-a.yaml"
ln -s loop-a.yaml "$work/policies-hostile/policies/loop-b.yaml"
cp "$work/policy-regex/taskdef.json" "$work/fifos-200/taskdef.json"
for i in $(seq 1 200); do mkfifo "$work/fifos-200/pipe$i.json"; done

run() { # name, arguments...
  local name=$1; shift
  [[ -n "${only:-}" && ! "$name" =~ $only ]] && return
  local s e code rss findings
  s=$(date +%s%N)
  /usr/bin/time -f "%M %U %S" -o "$work/$name.rss" timeout 120 "${cli[@]}" check "$@" --format "${format:-json}" --output "$work/$name.report" >/dev/null 2>"$work/$name.err"
  code=$?
  e=$(date +%s%N)
  read -r rss user sys < <(tail -n 1 "$work/$name.rss")
  findings=$(grep -oE '"(ruleId|rule)": *"ECS000[19]"' "$work/$name.report" 2>/dev/null | sed -E 's/.*"(ECS000[19])"/\1/' | sort | uniq -c | awk '{printf "%s%s x%s", sep, $2, $1; sep=", "}')
  printf '| %s | %d ms | %s s | %d MB | %d | %s |\n' "$name" $(((e - s) / 1000000)) "$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.2f", u + s }')" $((rss / 1024)) "$code" "${findings:--}"
}

echo "| case | wall time | CPU (user + sys) | peak RSS | exit | ECS0001/ECS0009 |"
echo "|---|---|---|---|---|---|"
run cfn-join "$work/cfn-join/template.yaml"
run cfn-sub "$work/cfn-sub/template.yaml"
run cfn-conditions-9x10 "$work/cfn-conditions-9x10/template.yaml"
run cfn-conditions-9x30 "$work/cfn-conditions-9x30/template.yaml"
run yaml-alias-bomb "$work/yaml-alias-bomb/template.yaml"
run dependson-chain "$work/dependson-chain/taskdef.json"
run cql-nesting "$work/cql-nesting/taskdef.json"
run copilot-overflow "$work/copilot-overflow"
run copilot-envs-4000 "$work/copilot-envs-4000"
run copilot-envs-90000 "$work/copilot-envs-90000"
run policy-regex "$work/policy-regex/taskdef.json" --policies "$work/policy-regex/policies"
run policy-index "$work/policy-regex/taskdef.json" --policies "$work/policy-index/policies"
run csharp-doubling "$work/csharp-doubling/Stack.cs"
run cs-fifo "$work/cs-fifo/Stack.cs"
run cs-dev-zero "$work/cs-zero/Stack.cs"
run sarif-1gb "$work/sarif-1gb/taskdef.json"
format=sarif run sarif-1gb-format-sarif "$work/sarif-1gb/taskdef.json"
run config-dev-zero-and-fifo "$work/config-zero"
run config-option-dev-zero "$work/config-zero/taskdef.json" --config /dev/zero
run policies-pipe-zero-loop "$work/policies-hostile/taskdef.json" --policies "$work/policies-hostile/policies"
run fifos-200 "$work/fifos-200"
