#!/usr/bin/env bash
# The cache key of the tool that install.sh builds from the action's checkout, for actions/cache in action.yml.
#
# The runner downloads an action as an archive of the commit it names (no .git), so the commit is not at hand when the
# action is used by a tag or a branch; the hash of the files that `dotnet pack src/EcsPolicy.Cli` reads stands for it:
# the same commit gives the same key, and a commit that changes none of them reuses the build.
#
# Environment:
#   GITHUB_ACTION_PATH  the checkout; default: the repository that holds this script
#   ECS_POLICY_ACTION_REF  the ref the workflow's `uses:` names: a release tag is the built package's version, so it is
#                       part of the key
#   GITHUB_OUTPUT       when set (GitHub Actions), gets key=<the key>; the key is printed too
set -euo pipefail

script_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "${GITHUB_ACTION_PATH:-$script_dir/../..}"

# sha256sum (GNU coreutils: Linux, Windows' Git Bash) or shasum (macOS), which print the same lines.
hasher=(sha256sum)
if ! command -v sha256sum >/dev/null; then
  hasher=(shasum -a 256)
fi

# Sorted names with the bytes' hashes, so that the key does not depend on the order of a directory walk.
hash=$(
  {
    find src rules schemas -type f ! -path '*/bin/*' ! -path '*/obj/*' -print
    find . -maxdepth 1 -type f \( -name 'Directory.*' -o -name 'global.json' -o -iname 'nuget.config' \) -print
  } | LC_ALL=C sort | tr '\n' '\0' | xargs -0 "${hasher[@]}" | "${hasher[@]}" | cut -c1-40
)
key="ecs-policy-cli-$(uname -s)-$hash"
if [[ "${ECS_POLICY_ACTION_REF:-}" =~ ^v[0-9]+\.[0-9]+\.[0-9]+ ]]; then
  key="$key-${ECS_POLICY_ACTION_REF//[^A-Za-z0-9.+-]/_}"
fi
if [ -n "${GITHUB_OUTPUT:-}" ]; then
  echo "key=$key" >>"$GITHUB_OUTPUT"
fi
echo "$key"
