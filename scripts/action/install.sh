#!/usr/bin/env bash
# Installs the ecs-policy dotnet tool (package EcsPolicy.Cli) for the GitHub Action in action.yml; usable anywhere.
#
# 1. From the feed: `dotnet tool install EcsPolicy.Cli` with the version and source asked for.
# 2. When the feed does not have the package (or that version of it), from the action's own checkout: a package built
#    earlier for the same sources (ECS_POLICY_BUILD_DIR, which the action caches by the sources' hash), else one built
#    now with `dotnet pack src/EcsPolicy.Cli`. Any other failure of step 1 (a feed that cannot be reached, a bad
#    source) fails: the tool that was asked for must not be replaced by another one silently.
#
# Environment (all optional):
#   ECS_POLICY_VERSION    the package version to install; empty: the latest on the feed
#   ECS_POLICY_SOURCE     a folder holding EcsPolicy.Cli.<version>.nupkg (as `dotnet pack` writes it), which is then
#                         the only source, or the URL of a NuGet feed to use besides the configured ones; empty: nuget.org
#   ECS_POLICY_TOOL_PATH  the folder to install into; default: $RUNNER_TEMP/ecs-policy, else a new temporary folder
#   ECS_POLICY_BUILD_DIR  where a package built from the checkout is kept (and looked for first); default: $RUNNER_TEMP/
#                         ecs-policy-build, else a new temporary folder
#   GITHUB_ACTION_PATH    the checkout to build from; default: the repository that holds this script
#   ECS_POLICY_ACTION_REF the ref the workflow's `uses:` names (github.action_ref); a release tag vX.Y.Z is the version
#                         of the package built from the checkout, which has no git history to take it from
#   GITHUB_PATH           when set (GitHub Actions), the tool folder is added to it, so later steps find ecs-policy
#   GITHUB_OUTPUT         when set (GitHub Actions), gets installed-from=feed|cache|build
#
# Prints the tool folder, then ecs-policy --version; says on standard error where the tool came from.
set -euo pipefail

package=EcsPolicy.Cli
script_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
action_path="$(cd "${GITHUB_ACTION_PATH:-$script_dir/../..}" && pwd)"
temp_root="${RUNNER_TEMP:-}"
if [ -z "$temp_root" ]; then
  temp_root="$(mktemp -d)"
fi

tool_path=${ECS_POLICY_TOOL_PATH:-$temp_root/ecs-policy}
build_dir=${ECS_POLICY_BUILD_DIR:-$temp_root/ecs-policy-build}
mkdir -p "$tool_path" "$build_dir"
tool_path="$(cd "$tool_path" && pwd)"
build_dir="$(cd "$build_dir" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

log() { echo "ecs-policy install: $*" >&2; }

# A nuget.config whose only source is the folder $1: a package with the same name and version elsewhere (nuget.org, the
# user's feeds) must not be taken instead, and no other feed is asked (nothing waits on the network).
only_source() {
  local folder config
  folder="$(cd "$1" && pwd)"
  folder=${folder//&/&amp;}
  folder=${folder//</&lt;}
  folder=${folder//>/&gt;}
  folder=${folder//\"/&quot;}
  config="$(mktemp -d "$work/config.XXXXXX")/nuget.config"
  cat >"$config" <<XML
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <clear />
    <add key="ecs-policy-local" value="$folder" />
  </packageSources>
</configuration>
XML
  echo "$config"
}

# dotnet tool install|update into the tool folder; arguments after the first are added (version, sources).
install_tool() {
  # A second run in the same job updates (or re-installs) instead of failing on an installed tool.
  local verb=install
  if [ -x "$tool_path/ecs-policy" ]; then
    verb=update
  fi
  dotnet tool "$verb" --tool-path "$tool_path" "$package" "$@"
}

feed_args=()
if [ -n "${ECS_POLICY_VERSION:-}" ]; then
  feed_args+=(--version "$ECS_POLICY_VERSION")
fi
if [ -n "${ECS_POLICY_SOURCE:-}" ]; then
  if [ -d "$ECS_POLICY_SOURCE" ]; then
    feed_args+=(--configfile "$(only_source "$ECS_POLICY_SOURCE")")
  else
    feed_args+=(--add-source "$ECS_POLICY_SOURCE")
  fi
fi

from=""
feed_name="${ECS_POLICY_SOURCE:-nuget.org}"
wanted="$package${ECS_POLICY_VERSION:+ $ECS_POLICY_VERSION}"
log "installing $wanted from $feed_name"
if install_tool "${feed_args[@]}" >"$work/feed.log" 2>&1; then
  cat "$work/feed.log" >&2
  from=feed
  log "installed $wanted from the feed $feed_name"
else
  cat "$work/feed.log" >&2
  # `dotnet tool install` says "<id> is not found in NuGet feeds ..." or "Version <v> of package <id> is not found in
  # NuGet feeds ..." when every feed answered without the package; anything else (unreachable feed, bad source) fails.
  if ! grep -qi "is not found in NuGet feeds\|Unable to find package\|NU1101\|NU1102" "$work/feed.log"; then
    log "could not install $wanted from $feed_name (see above)"
    exit 1
  fi
  log "$wanted is not on $feed_name: using the action's own checkout $action_path"

  built=("$build_dir"/"$package".*.nupkg)
  if [ -f "${built[0]}" ]; then
    from=cache
    log "found the package built earlier from these sources: $(basename "${built[0]}")"
  else
    from=build
    log "building $package from $action_path (dotnet pack src/EcsPolicy.Cli -c Release)"
    start=$SECONDS
    # Restore with the user's configured feeds (nuget.org by default): the build needs the project's dependencies.
    pack_args=()
    if [[ "${ECS_POLICY_ACTION_REF:-}" =~ ^v([0-9]+\.[0-9]+\.[0-9]+([-+].*)?)$ ]]; then
      # The runner downloads the action without .git, so MinVer cannot read the tag: the ref is the tag.
      pack_args+=("-p:MinVerVersionOverride=${BASH_REMATCH[1]}")
    fi
    if ! dotnet pack "$action_path/src/EcsPolicy.Cli" -c Release -o "$build_dir" --nologo -nodeReuse:false \
      -p:ContinuousIntegrationBuild=true "${pack_args[@]}" >"$work/pack.log" 2>&1; then
      cat "$work/pack.log" >&2
      log "dotnet pack failed"
      exit 1
    fi
    built=("$build_dir"/"$package".*.nupkg)
    if [ ! -f "${built[0]}" ]; then
      cat "$work/pack.log" >&2
      log "dotnet pack wrote no $package package to $build_dir"
      exit 1
    fi
    log "built $(basename "${built[0]}") in $((SECONDS - start)) s"
  fi
  # The package's own version, so that a newer one elsewhere is never taken instead.
  version="$(basename "${built[0]}" .nupkg)"
  version=${version#"$package".}
  install_tool --version "$version" --configfile "$(only_source "$build_dir")" >&2
  log "installed $package $version from the checkout ($from)"
  if [ -n "${ECS_POLICY_VERSION:-}" ] && [ "$version" != "$ECS_POLICY_VERSION" ]; then
    # A workflow that pins `version` and `uses: ...@<another ref>` gets the action's version: say so where it is seen.
    echo "::warning title=ecs-policy::$package $ECS_POLICY_VERSION is not on $feed_name; installed $version, built from the action's own files" >&2
  fi
fi

if [ -n "${GITHUB_PATH:-}" ]; then
  echo "$tool_path" >>"$GITHUB_PATH"
fi
if [ -n "${GITHUB_OUTPUT:-}" ]; then
  echo "installed-from=$from" >>"$GITHUB_OUTPUT"
fi

echo "$tool_path"
"$tool_path/ecs-policy" --version
