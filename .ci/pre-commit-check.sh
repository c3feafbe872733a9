#!/usr/bin/env bash
# The pre-commit hook (.pre-commit-hooks.yaml, language: dotnet) for real: `pre-commit try-repo` against this
# repository builds the tool from it as pre-commit does for a user's `rev:`, then runs the hook in a scratch repository:
#   broken: a Fargate task definition with cpu 256 and memory 3072 fails the hook, and the output names ECS1001;
#   clean: a valid task definition passes;
#   not ECS: a commit of a package.json only (a file the hook's pattern matches, not an ECS input) passes.
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

# A scratch repository with FILE at NAME, then `pre-commit try-repo` of the hook on all its files; sets code and out.
try_hook() { # case, file to copy, name in the repository
  local dir="$tmp/$1"
  mkdir -p "$dir"
  git -C "$dir" init -q
  cp "$2" "$dir/$3"
  git -C "$dir" add -A
  set +e
  out=$(cd "$dir" && pre-commit try-repo "$tmp/hook-repo" ecs-policy --ref "$rev" --all-files --color never 2>&1)
  code=$?
  set -e
  echo "$out" | sed "s/^/  $1: /"
}

echo "== broken: Fargate cpu 256 with memory 3072"
start=$SECONDS
sed -e 's/"cpu": "512"/"cpu": "256"/' -e 's/"memory": "1 GB"/"memory": "3072"/' examples/clean/web-fargate.json >"$tmp/broken.json"
grep -q '"cpu": "256"' "$tmp/broken.json" && grep -q '"memory": "3072"' "$tmp/broken.json" || fail "could not write the broken task definition"
try_hook broken "$tmp/broken.json" taskdef.json
[ "$code" -ne 0 ] || fail "the hook passed a broken task definition"
grep -q 'ECS1001' <<<"$out" || fail "the hook's output does not name ECS1001"
echo "broken: failed with ECS1001 as expected ($((SECONDS - start)) s, with pre-commit's build of the tool)"

echo "== clean: a valid task definition"
start=$SECONDS
try_hook clean examples/clean/web-fargate.json taskdef.json
[ "$code" -eq 0 ] || fail "the hook failed on a valid task definition"
grep -q '^ecs-policy\.*Passed' <<<"$out" || fail "the hook did not run and pass"
echo "clean: passed ($((SECONDS - start)) s)"

echo "== not ECS: only a package.json"
printf '{ "name": "web", "version": "1.0.0" }\n' >"$tmp/package.json"
try_hook not-ecs "$tmp/package.json" package.json
[ "$code" -eq 0 ] || fail "the hook failed on a commit without ECS inputs"
grep -q '^ecs-policy\.*Passed' <<<"$out" || fail "the hook did not run on package.json and pass"
echo "pre-commit-check: passed"
