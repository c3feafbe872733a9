#!/usr/bin/env bash
# Builds the native ecs-policy (scripts/publish-native.sh) and checks that it reports exactly what the .NET build
# reports: the same report bytes, standard output, standard error and exit code in every format, on the examples, the
# CDK test apps (C# read without MSBuild), hostile inputs and ../shared/corpus when present, and the text of the other
# commands; and that `--msbuild`, which the native build leaves out, is a usage error (exit code 2) that says so.
# Usage: .ci/native-check.sh (after a Debug build).
set -uo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

bash scripts/publish-native.sh "$work/native" >"$work/publish.log" 2>&1 || { cat "$work/publish.log"; exit 1; }
native="$work/native/ecs-policy"
# Hostile inputs (as in HostileInputTests): deep nesting, an alias bomb, bad bytes, every BOM and line ending, a symlink
# loop, a 100 MB file and an unreadable one.
hostile="$work/hostile"
mkdir -p "$hostile/loop"
{ printf '{"family": "deep", "containerDefinitions": '; head -c 100000 /dev/zero | tr '\0' '['; head -c 100000 /dev/zero | tr '\0' ']'; printf '}'; } >"$hostile/deep.json"
{
  echo 'name: api'; echo 'type: Backend Service'; echo 'a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]'
  for i in $(seq 1 9); do echo "a$i: &a$i [*a$((i - 1)), *a$((i - 1)), *a$((i - 1)), *a$((i - 1)), *a$((i - 1)), *a$((i - 1)), *a$((i - 1)), *a$((i - 1)), *a$((i - 1))]"; done
  echo 'variables: *a9'
} >"$hostile/laughs.yml"
printf '{\n  "family": "w\0b"\n}' >"$hostile/nul.json"
printf 'name: api\ntype: Backend Service\nimage: "\xc3\x28"\n' >"$hostile/bad-utf8.yml"
task='{"family":"web","containerDefinitions":[{"name":"web","image":"nginx:latest","memory":512}]}'
printf '\xef\xbb\xbf%s' "$task" >"$hostile/bom-utf8.json"
printf '\xff\xfe' >"$hostile/bom-utf16.json"; printf '%s' "$task" | iconv -f UTF-8 -t UTF-16LE >>"$hostile/bom-utf16.json"
printf '{\r\n"family": "web",\r\n"containerDefinitions": [{"name": "web",\r\n"image": "nginx:latest", "memory": 1}]}' >"$hostile/crlf.json"
printf '{\r"family": "web",\r"containerDefinitions": [{"name": "web",\r"image": "nginx:latest", "memory": 1}]}' >"$hostile/cr.json"
cp "$hostile/crlf.json" "$hostile/loop/task.json"
ln -s "$hostile/loop" "$hostile/loop/again"
truncate -s 100M "$hostile/huge.json"
ln -s /proc/self/mem "$hostile/unreadable.json"

inputs=(examples tests/cdk-apps "$hostile" "$hostile/deep.json" "$hostile/nul.json") # files named are linted even if not sniffed as ECS
[ -d ../shared/corpus ] && inputs+=(../shared/corpus)

formats=$(dotnet run --project src/EcsPolicy.Cli --no-build -- check --help | sed -n 's/.*Formats: \([a-z, ]*\)\..*/\1/p' | tr -d ',')
[ -n "$formats" ] || { echo "native build: no format list in check --help"; exit 1; }
status=0
for format in $formats; do
  for build in dotnet native; do
    if [ "$build" = dotnet ]; then run=(dotnet run --project src/EcsPolicy.Cli --no-build --); else run=("$native"); fi
    "${run[@]}" check "${inputs[@]}" --format "$format" --output "$work/$build.report" >"$work/$build.out" 2>"$work/$build.err"
    echo "exit code $?" >>"$work/$build.out"
  done
  for part in report out err; do
    if ! cmp -s "$work/dotnet.$part" "$work/native.$part"; then
      echo "native build: the $format $part differs from the .NET build's:"; diff "$work/dotnet.$part" "$work/native.$part" | head -20
      status=1
    fi
  done
  echo "native build: $format report, $(wc -c <"$work/native.report") bytes, $(tail -n 1 "$work/native.out")"
done

# The other commands print the same text too.
for command in "--version" "rules" "rules --format json" "explain ECS1001" "explain ECS1001 --format json" "check --help"; do
  # shellcheck disable=SC2086 # the command's words
  if ! cmp -s <(dotnet run --project src/EcsPolicy.Cli --no-build -- $command 2>&1) <("$native" $command 2>&1); then
    echo "native build: 'ecs-policy $command' differs from the .NET build's"; status=1
  fi
done

"$native" check --msbuild examples >/dev/null 2>"$work/msbuild.err"
code=$?
if [ "$code" -ne 2 ] || ! grep -q -- '--msbuild is not available in the native build' "$work/msbuild.err"; then
  echo "native build: --msbuild gave exit code $code and: $(cat "$work/msbuild.err")"; status=1
fi
exit $status
