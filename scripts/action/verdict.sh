#!/usr/bin/env bash
# The last step of the GitHub Action in action.yml: fails the job when ecs-policy did (after the report was uploaded).
#
# Environment:
#   ECS_POLICY_EXIT_CODE   ecs-policy's exit code (check.sh's exit-code output)
#   ECS_POLICY_FAIL_LEVEL  the fail level, for the message
set -euo pipefail

code=${ECS_POLICY_EXIT_CODE:-0}
case "$code" in
  0)
    exit 0
    ;;
  1)
    echo "::error title=ecs-policy::findings at or above the fail level (${ECS_POLICY_FAIL_LEVEL:-error}); see the report or the code scanning alerts"
    ;;
  *)
    echo "::error title=ecs-policy::a file or directory could not be read, or the command line is wrong (exit code $code); see the log"
    ;;
esac
exit "$code"
