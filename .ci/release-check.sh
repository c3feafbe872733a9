#!/usr/bin/env bash
# What a release publishes, checked on a tagged clone of this commit: `git tag v9.9.9 && dotnet pack -c Release -o out`
# gives exactly the two packages at 9.9.9 with licence, readme and repository metadata; the tool installs from that
# folder and says 9.9.9; scripts/release.sh (what .github/workflows/release.yml runs) writes the packages, the native
# archive for this machine and SHA256SUMS that check. See docs/releasing.md. Usage: .ci/release-check.sh
set -uo pipefail
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "release check: $*"; exit 1; }

# A clone of this very commit (a worktree's clone would check out the main branch), tagged as a release.
commit=$(git rev-parse HEAD)
git clone -q --no-local . "$tmp/repo" && git -C "$tmp/repo" checkout -q --detach "$commit" || fail "cannot clone"
git -C "$tmp/repo" tag v9.9.9
cd "$tmp/repo"

dotnet pack -c Release -o out -v:q -nologo >"$tmp/pack.log" 2>&1 || { tail -30 "$tmp/pack.log"; fail "dotnet pack failed"; }
packages=$(cd out && ls ./*.nupkg | sed 's#^\./##' | LC_ALL=C sort | tr '\n' ' ')
[ "$packages" = "EcsPolicy.Analyzers.9.9.9.nupkg EcsPolicy.Cli.9.9.9.nupkg " ] || fail "packed '$packages', not the two packages at 9.9.9"

for id in EcsPolicy.Cli EcsPolicy.Analyzers; do
  package="out/$id.9.9.9.nupkg"
  nuspec=$(unzip -p "$package" "$id.nuspec") || fail "$package has no $id.nuspec"
  for expected in "<version>9.9.9</version>" '<license type="expression">MIT</license>' "<readme>README.md</readme>" \
    "<projectUrl>https://github.com/ecs-policy/ecs-policy</projectUrl>" \
    "<repository type=\"git\" url=\"https://github.com/ecs-policy/ecs-policy\" commit=\"$commit\" />"; do
    grep -qF "$expected" <<<"$nuspec" || { echo "$nuspec"; fail "$id.nuspec has no $expected"; }
  done
  grep -q "^# $id" <(unzip -p "$package" README.md) || fail "$package has no README.md of its own"
  echo "release check: $package has the version, licence, readme and repository $commit"
done

# The analyzer for each compiler the SDKs pick from: the .NET 8 SDK's (Roslyn 4.8) and the newest verified (4.14).
for folder in roslyn4.8 roslyn4.14; do
  for dll in EcsPolicy.Analyzers EcsPolicy.CodeFixes EcsPolicy.CSharp EcsPolicy.Core; do
    unzip -l out/EcsPolicy.Analyzers.9.9.9.nupkg | grep -q " analyzers/dotnet/$folder/cs/$dll.dll$" || fail "the analyzer package has no analyzers/dotnet/$folder/cs/$dll.dll"
  done
done
echo "release check: the analyzer package holds analyzers/dotnet/roslyn4.8/cs and roslyn4.14/cs"

# Installed as users install it, into a package cache of its own (no other build of 9.9.9 can be picked up).
NUGET_PACKAGES="$tmp/packages" dotnet tool install EcsPolicy.Cli --tool-path "$tmp/tools" --add-source out --version 9.9.9 >"$tmp/install.log" 2>&1 \
  || { cat "$tmp/install.log"; fail "dotnet tool install failed"; }
version=$("$tmp/tools/ecs-policy" --version)
[ "$version" = 9.9.9 ] || fail "the installed tool says '$version', not 9.9.9"
echo "release check: the installed tool says $version"

bash scripts/release.sh "$tmp/release" >"$tmp/release.log" 2>&1 || { tail -30 "$tmp/release.log"; fail "scripts/release.sh failed"; }
rid=$(dotnet --info | sed -n 's/^ *RID: *//p' | head -n 1)
archive="$tmp/release/ecs-policy-9.9.9-$rid.tar.gz"
[ -f "$archive" ] || { ls "$tmp/release"; fail "no $archive"; }
listed=$(tar -tzf "$archive" | LC_ALL=C sort | tr '\n' ' ')
[ "$listed" = "ecs-policy-9.9.9-$rid/ ecs-policy-9.9.9-$rid/LICENSE ecs-policy-9.9.9-$rid/ecs-policy " ] || fail "the archive holds $listed"
tar -C "$tmp" -xzf "$archive"
[ "$("$tmp/ecs-policy-9.9.9-$rid/ecs-policy" --version)" = 9.9.9 ] || fail "the native executable does not say 9.9.9"
(cd "$tmp/release" && sha256sum -c SHA256SUMS) || fail "SHA256SUMS does not check"
[ "$(wc -l <"$tmp/release/SHA256SUMS")" -eq 3 ] || fail "SHA256SUMS lists $(wc -l <"$tmp/release/SHA256SUMS") files, not 3"
echo "release check: scripts/release.sh wrote $(cd "$tmp/release" && ls | tr '\n' ' ')($(wc -c <"$tmp/ecs-policy-9.9.9-$rid/ecs-policy") bytes of executable)"
