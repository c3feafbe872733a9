#!/usr/bin/env bash
# The GitHub Action's scripts (scripts/action/, as action.yml runs them) on both of install.sh's paths, without GitHub:
#   a. package found: EcsPolicy.Cli packed into a folder feed is installed from that feed, not built;
#   b. build from source: with an empty feed the tool is built from the action's checkout (a copy of this repository's
#      files without .git, as the runner downloads an action), a second run takes the built package again instead of
#      building anew (what the action caches), and check.sh's SARIF report of examples/ passes GitHub's validation.
# Usage: .ci/action-check.sh (after a Debug build of the solution, as .ci/run does). Exits 1 on the first failure.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

fail() { echo "action-check: $*" >&2; exit 1; }
field() { sed -n "s/^$1=//p" "$2" | tail -n 1; } # the last value of a GITHUB_OUTPUT key

echo "== a. package found: install from a folder feed"
start=$SECONDS
dotnet pack src/EcsPolicy.Cli --no-build -c Debug -o "$tmp/feed" --nologo -nodeReuse:false >"$tmp/pack.log" 2>&1 || { cat "$tmp/pack.log"; fail "dotnet pack failed"; }
nupkg=$(basename "$(ls "$tmp"/feed/EcsPolicy.Cli.*.nupkg)")
version=${nupkg#EcsPolicy.Cli.}
version=${version%.nupkg}
ECS_POLICY_SOURCE="$tmp/feed" ECS_POLICY_VERSION="$version" ECS_POLICY_TOOL_PATH="$tmp/tools-a" \
  ECS_POLICY_BUILD_DIR="$tmp/build-a" GITHUB_ACTION_PATH="$repo" GITHUB_OUTPUT="$tmp/output-a" GITHUB_PATH="$tmp/path-a" \
  bash scripts/action/install.sh >"$tmp/install-a.out" 2>"$tmp/install-a.err" || { cat "$tmp/install-a.err"; fail "install from the feed failed"; }
grep 'ecs-policy install:' "$tmp/install-a.err"
[ "$(field installed-from "$tmp/output-a")" = feed ] || fail "installed-from is not feed"
grep -q "installed EcsPolicy.Cli $version from the feed" "$tmp/install-a.err" || fail "the log does not say it installed from the feed"
[ -z "$(ls -A "$tmp/build-a")" ] || fail "something was built although the feed has the package"
[ "$(head -n 1 "$tmp/install-a.out")" = "$tmp/tools-a" ] || fail "install.sh did not print the tool folder first"
[ "$(cat "$tmp/path-a")" = "$tmp/tools-a" ] || fail "the tool folder is not in GITHUB_PATH"
"$tmp/tools-a/ecs-policy" --version >"$tmp/version-a" || fail "ecs-policy --version failed"
[ "$(cat "$tmp/version-a")" = "$(tail -n 1 "$tmp/install-a.out")" ] || fail "--version differs from what install.sh printed"
echo "a. installed $version from the feed, ecs-policy --version: $(cat "$tmp/version-a") ($((SECONDS - start)) s)"

echo "== b. build from source: an empty feed"
start=$SECONDS
mkdir -p "$tmp/empty-feed" "$tmp/action"
# The files of this checkout (with uncommitted changes, without build output or .git): what the runner downloads.
git ls-files -z --cached --others --exclude-standard | (tar --null -T - -cf - 2>/dev/null) | tar -xf - -C "$tmp/action"
# As `uses: ecs-policy/ecs-policy@v9.9.9` would: the release tag is the version of the tool built from the files.
ECS_POLICY_SOURCE="$tmp/empty-feed" ECS_POLICY_TOOL_PATH="$tmp/tools-b" ECS_POLICY_BUILD_DIR="$tmp/build-b" \
  GITHUB_ACTION_PATH="$tmp/action" GITHUB_OUTPUT="$tmp/output-b" ECS_POLICY_ACTION_REF=v9.9.9 \
  bash "$tmp/action/scripts/action/install.sh" >"$tmp/install-b.out" 2>"$tmp/install-b.err" || { cat "$tmp/install-b.err"; fail "build from source failed"; }
grep 'ecs-policy install:' "$tmp/install-b.err"
[ "$(field installed-from "$tmp/output-b")" = build ] || fail "installed-from is not build"
grep -q "is not on $tmp/empty-feed: using the action's own checkout $tmp/action" "$tmp/install-b.err" || fail "the log does not say why it builds"
ls "$tmp"/build-b/EcsPolicy.Cli.*.nupkg >/dev/null || fail "no package in the build folder"
"$tmp/tools-b/ecs-policy" --version >"$tmp/version-b" || fail "ecs-policy --version failed after the build"
if grep -q '"MinVer"' Directory.Packages.props; then
  # Versions come from git tags (MinVer), and the downloaded action has no .git: the ref stands for the tag.
  grep -q '^9\.9\.9' "$tmp/version-b" || fail "the tool built for the ref v9.9.9 reports $(cat "$tmp/version-b")"
fi
echo "b. built and installed from the checkout, ecs-policy --version: $(cat "$tmp/version-b") ($((SECONDS - start)) s)"

start=$SECONDS
ECS_POLICY_SOURCE="$tmp/empty-feed" ECS_POLICY_TOOL_PATH="$tmp/tools-b2" ECS_POLICY_BUILD_DIR="$tmp/build-b" \
  GITHUB_ACTION_PATH="$tmp/action" GITHUB_OUTPUT="$tmp/output-b2" \
  bash "$tmp/action/scripts/action/install.sh" >"$tmp/install-b2.out" 2>"$tmp/install-b2.err" || { cat "$tmp/install-b2.err"; fail "install of the cached build failed"; }
grep 'ecs-policy install:' "$tmp/install-b2.err"
[ "$(field installed-from "$tmp/output-b2")" = cache ] || fail "the second run did not take the package built by the first"
"$tmp/tools-b2/ecs-policy" --version >/dev/null || fail "ecs-policy --version failed after the cached install"
echo "b. second run installed the cached build ($((SECONDS - start)) s)"

# The action's check step, as action.yml runs it (the tool on PATH, the inputs as environment variables).
mkdir -p "$tmp/work"
cp -r examples "$tmp/work/"
(cd "$tmp/work" && PATH="$tmp/tools-b:$PATH" ECS_POLICY_PATHS="examples" ECS_POLICY_FORMAT=sarif ECS_POLICY_FAIL_LEVEL=error \
  GITHUB_OUTPUT="$tmp/output-check" bash "$tmp/action/scripts/action/check.sh") || fail "check.sh failed"
[ "$(field exit-code "$tmp/output-check")" = 1 ] || fail "check.sh's exit-code is not 1 (examples/ has broken task definitions)"
[ "$(field report "$tmp/output-check")" = ecs-policy.sarif ] || fail "check.sh's report is not ecs-policy.sarif"
grep -q '"ruleId": "ECS1001"' "$tmp/work/ecs-policy.sarif" || fail "the SARIF report has no ECS1001"
bash .ci/validate-sarif.sh "$tmp/work/ecs-policy.sarif"
echo "action-check: both paths passed"
