#!/usr/bin/env bash
# The cache key of the tool that install.sh builds from the action's checkout, for actions/cache in action.yml.
#
# The runner downloads an action as an archive of the commit it names (no .git), so the commit is not at hand when the
# action is used by a tag or a branch; the hash of the files that `dotnet pack src/EcsPolicy.Cli` reads stands for it:
# the same commit gives the same key, and a commit that changes none of them reuses the build.
#
# Environment:
#   GITHUB_ACTION_PATH  the checkout; default: the repository that holds this script
#   GITHUB_OUTPUT       when set (GitHub Actions), gets key=<the key>; the key is printed too
set -euo pipefail

script_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "${GITHUB_ACTION_PATH:-$script_dir/../..}"

# Sorted names with the bytes' hashes, so that the key does not depend on the order of a directory walk.
hash=$(
  {
    find src rules schemas -type f ! -path '*/bin/*' ! -path '*/obj/*' -print
    find . -maxdepth 1 -type f \( -name 'Directory.*' -o -name 'global.json' -o -iname 'nuget.config' \) -print
  } | LC_ALL=C sort | tr '\n' '\0' | xargs -0 sha256sum | sha256sum | cut -c1-40
)
key="ecs-policy-cli-$(uname -s)-$hash"
if [ -n "${GITHUB_OUTPUT:-}" ]; then
  echo "key=$key" >>"$GITHUB_OUTPUT"
fi
echo "$key"
