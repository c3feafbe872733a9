#!/usr/bin/env bash
# Builds what a release publishes, into OUTDIR, with the version MinVer reads from the git tag (docs/releasing.md):
#   - the two NuGet packages, EcsPolicy.Cli (the dotnet tool) and EcsPolicy.Analyzers, packed in Release;
#   - the native executable for this machine's runtime identifier (scripts/publish-native.sh; RID from the environment
#     variable RID, else this machine's) as ecs-policy-VERSION-RID.tar.gz, or .zip on Windows, with the licence;
#   - SHA256SUMS of every file in OUTDIR (sha256sum -c format).
# Usage: scripts/release.sh [--packages | --native | --checksums] OUTDIR
#   --packages and --native build only that part (the release workflow runs them on different machines), --checksums only
#   writes SHA256SUMS of the files already in OUTDIR (the workflow's last job, over the parts of every machine).
# Needs the .NET SDK, git history with tags (a clone with fetch-depth 0) and, for the native part, a C toolchain.
set -euo pipefail
cd "$(dirname "$0")/.."
parts=all
case "${1:-}" in --packages | --native | --checksums) parts=${1#--}; shift ;; esac
[ $# -eq 1 ] || { echo "usage: scripts/release.sh [--packages | --native | --checksums] OUTDIR" >&2; exit 2; }
mkdir -p "$1"
out=$(cd "$1" && pwd)

if [ "$parts" = all ] || [ "$parts" = packages ]; then
  dotnet pack src/EcsPolicy.Cli -c Release -o "$out" -v:q -nologo
  dotnet pack src/EcsPolicy.Analyzers.Package -c Release -o "$out" -v:q -nologo
fi

if [ "$parts" = all ] || [ "$parts" = native ]; then
  rid=${RID:-$(dotnet --info | sed -n 's/^ *RID: *//p' | head -n 1)}
  stage=$(mktemp -d)
  trap 'rm -rf "$stage"' EXIT
  RID=$rid bash scripts/publish-native.sh "$stage/publish" >/dev/null
  exe=ecs-policy
  [ -f "$stage/publish/ecs-policy.exe" ] && exe=ecs-policy.exe
  # The version the executable reports is the one in the archive's name (the same as the packages').
  version=$("$stage/publish/$exe" --version | tr -d '\r')
  name="ecs-policy-$version-$rid"
  mkdir "$stage/$name"
  cp "$stage/publish/$exe" LICENSE "$stage/$name/"
  rm -f "$out/$name.tar.gz" "$out/$name.zip"
  if [ "$exe" = ecs-policy.exe ]; then
    # Windows: a zip (Git Bash has no zip command; the runners have 7-Zip).
    if command -v zip >/dev/null; then (cd "$stage" && zip -qr "$out/$name.zip" "$name"); else (cd "$stage" && 7z a -tzip -bd "$out/$name.zip" "$name" >/dev/null); fi
    echo "$out/$name.zip"
  else
    # Owner and dates fixed, so the archive of the same executable is the same bytes.
    tar -C "$stage" --owner=0 --group=0 --numeric-owner --mtime=@0 --sort=name -czf "$out/$name.tar.gz" "$name" 2>/dev/null \
      || tar -C "$stage" -czf "$out/$name.tar.gz" "$name" # bsdtar (macOS) has none of these options
    echo "$out/$name.tar.gz"
  fi
fi

# Checksums of everything in OUTDIR but themselves, by file name (sha256sum -c SHA256SUMS in OUTDIR checks them).
(
  cd "$out"
  files=$(find . -maxdepth 1 -type f ! -name SHA256SUMS -printf '%f\n' 2>/dev/null || ls -p | grep -v / | grep -vx SHA256SUMS)
  files=$(printf '%s\n' "$files" | LC_ALL=C sort)
  # shellcheck disable=SC2086 # file names of packages and archives have no spaces
  if command -v sha256sum >/dev/null; then sha256sum $files; else shasum -a 256 $files; fi >SHA256SUMS
)
echo "$out/SHA256SUMS"
