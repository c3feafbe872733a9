#!/usr/bin/env bash
# Runs `ecs-policy check` for the GitHub Action in action.yml; usable anywhere.
#
# Environment (all optional):
#   ECS_POLICY_PATHS       files and directories to check, separated by spaces or new lines; default: .
#   ECS_POLICY_FORMAT      text, json, sarif, github, gitlab or junit; default: sarif
#   ECS_POLICY_OUTPUT      the report file; default: ecs-policy.sarif (sarif), ecs-policy.json (json),
#                          gl-code-quality-report.json (gitlab), ecs-policy-junit.xml (junit), standard output (text, github)
#   ECS_POLICY_FAIL_LEVEL  error, warning, note or none; default: error
#   ECS_POLICY_COMMAND     how to run the tool; default: ecs-policy (on PATH)
#   GITHUB_OUTPUT          when set (GitHub Actions), gets exit-code=<ecs-policy's exit code> and report=<file>
#
# Exits 0 when the check ran and its report was written, whatever it found, so that the report can still be uploaded;
# the exit code is passed on in GITHUB_OUTPUT (verdict.sh fails the job on it). Exits with ecs-policy's code when
# there is no report (a usage error).
set -uo pipefail

format=${ECS_POLICY_FORMAT:-sarif}
fail_level=${ECS_POLICY_FAIL_LEVEL:-error}
command=${ECS_POLICY_COMMAND:-ecs-policy}
output=${ECS_POLICY_OUTPUT:-}
if [ -z "$output" ]; then
  case "$format" in
    sarif) output=ecs-policy.sarif ;;
    json) output=ecs-policy.json ;;
    gitlab) output=gl-code-quality-report.json ;;
    junit) output=ecs-policy-junit.xml ;;
  esac
fi

# Paths are split on blanks and new lines; no glob expansion (directories are walked by ecs-policy itself).
set -f
read -r -d '' -a paths <<<"${ECS_POLICY_PATHS:-.}"
set +f
if [ "${#paths[@]}" -eq 0 ]; then
  paths=(.)
fi

args=(check "${paths[@]}" --format "$format" --fail-level "$fail_level")
if [ -n "$output" ]; then
  rm -f -- "$output"
  args+=(--output "$output")
fi

echo "ecs-policy ${args[*]}" >&2
$command "${args[@]}"
code=$?

if [ -n "$output" ] && [ ! -f "$output" ]; then
  echo "ecs-policy exited with $code and wrote no report" >&2
  exit "$code"
fi

if [ -n "${GITHUB_OUTPUT:-}" ]; then
  {
    echo "exit-code=$code"
    echo "report=$output"
  } >>"$GITHUB_OUTPUT"
fi

exit 0
