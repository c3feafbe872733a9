#!/usr/bin/env bash
# The pre-commit hook (.pre-commit-hooks.yaml, language: dotnet) for real: pre-commit builds the tool from this
# repository as it does for a user, then runs the hook in scratch repositories:
#   broken (`pre-commit try-repo`): a Fargate task definition with cpu 256 and memory 3072 fails the hook, and the
#     output names ECS1001;
#   clean (`pre-commit run` with a .pre-commit-config.yaml that pins a rev, as docs/ci.md tells users): a valid task
#     definition passes;
#   not ECS (the same): a commit of a package.json only (a file the hook's pattern matches, not an ECS input) passes.
# try-repo builds in a store of its own that it deletes afterwards; the two `pre-commit run` share one store, so the tool
# is built twice in all (about a minute and a half each on 2 cores).
# Usage: .ci/pre-commit-check.sh. Installs pre-commit (a Debian package) when it is missing. Exits 1 on a failure.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "pre-commit-check: $*" >&2; exit 1; }

if ! command -v pre-commit >/dev/null; then
  sudo=()
  if [ "$(id -u)" -ne 0 ]; then sudo=(sudo); fi
  "${sudo[@]}" apt-get update -qq && DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq pre-commit >/dev/null
fi
pre-commit --version

# The hook repository: this checkout's files (uncommitted changes too, no build output) committed once, so that every
# try-repo below uses the same rev and pre-commit builds the tool once. A fresh PRE_COMMIT_HOME: a real first install.
export PRE_COMMIT_HOME="$tmp/pre-commit-home"
mkdir -p "$tmp/hook-repo"
git ls-files -z --cached --others --exclude-standard | (tar --null -T - -cf - 2>/dev/null) | tar -xf - -C "$tmp/hook-repo"
git -C "$tmp/hook-repo" init -q
git -C "$tmp/hook-repo" add -A
git -C "$tmp/hook-repo" -c user.name=ci -c user.email=ci@example.invalid commit -qm hooks
rev=$(git -C "$tmp/hook-repo" rev-parse HEAD)

# A scratch repository with FILE at NAME, then pre-commit on it (the arguments after the third); sets code and out.
try_hook() { # case, file to copy, name in the repository, pre-commit arguments...
  local case=$1 dir="$tmp/$1" file=$2 name=$3
  shift 3
  mkdir -p "$dir"
  git -C "$dir" init -q
  cp "$file" "$dir/$name"
  printf 'repos:\n  - repo: %s\n    rev: %s\n    hooks:\n      - id: ecs-policy\n' "$tmp/hook-repo" "$rev" >"$dir/.pre-commit-config.yaml"
  git -C "$dir" add -A
  set +e
  out=$(cd "$dir" && pre-commit "$@" --color never 2>&1)
  code=$?
  set -e
  echo "$out" | sed "s/^/  $case: /"
}

echo "== broken (try-repo): Fargate cpu 256 with memory 3072"
start=$SECONDS
sed -e 's/"cpu": "512"/"cpu": "256"/' -e 's/"memory": "1 GB"/"memory": "3072"/' examples/clean/web-fargate.json >"$tmp/broken.json"
grep -q '"cpu": "256"' "$tmp/broken.json" && grep -q '"memory": "3072"' "$tmp/broken.json" || fail "could not write the broken task definition"
try_hook broken "$tmp/broken.json" taskdef.json try-repo "$tmp/hook-repo" ecs-policy --ref "$rev" --all-files
[ "$code" -ne 0 ] || fail "the hook passed a broken task definition"
grep -q 'error ECS1001' <<<"$out" || fail "the hook's output does not name ECS1001"
echo "broken: failed with ECS1001 as expected ($((SECONDS - start)) s, with pre-commit's build of the tool)"

echo "== clean (a .pre-commit-config.yaml pinning the rev): a valid task definition"
start=$SECONDS
try_hook clean examples/clean/web-fargate.json taskdef.json run --all-files
[ "$code" -eq 0 ] || fail "the hook failed on a valid task definition"
grep -q '^ecs-policy\.*Passed' <<<"$out" || fail "the hook did not run and pass"
echo "clean: passed ($((SECONDS - start)) s, with pre-commit's build of the tool)"

echo "== not ECS (the same): only a package.json"
start=$SECONDS
printf '{ "name": "web", "version": "1.0.0" }\n' >"$tmp/package.json"
try_hook not-ecs "$tmp/package.json" package.json run --files package.json
[ "$code" -eq 0 ] || fail "the hook failed on a commit without ECS inputs"
grep -q '^ecs-policy\.*Passed' <<<"$out" || fail "the hook did not run on package.json and pass"
echo "not ECS: passed ($((SECONDS - start)) s, the tool built for the clean case reused)"
echo "pre-commit-check: passed"
