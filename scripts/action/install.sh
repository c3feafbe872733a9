#!/usr/bin/env bash
# Installs the ecs-policy dotnet tool (package EcsPolicy.Cli) for the GitHub Action in action.yml; usable anywhere.
#
# Environment (all optional):
#   ECS_POLICY_VERSION    the package version to install; empty: the latest
#   ECS_POLICY_SOURCE     a folder holding EcsPolicy.Cli.<version>.nupkg (as `dotnet pack` writes it), which is then
#                         the only source, or the URL of a NuGet feed to use besides the configured ones; empty: nuget.org
#   ECS_POLICY_TOOL_PATH  the folder to install into; default: $RUNNER_TEMP/ecs-policy, else a new temporary folder
#   GITHUB_PATH           when set (GitHub Actions), the tool folder is added to it, so later steps find ecs-policy
#
# Prints the tool folder, then ecs-policy --version.
set -euo pipefail

package=EcsPolicy.Cli
tool_path=${ECS_POLICY_TOOL_PATH:-}
if [ -z "$tool_path" ]; then
  if [ -n "${RUNNER_TEMP:-}" ]; then
    tool_path="$RUNNER_TEMP/ecs-policy"
  else
    tool_path="$(mktemp -d)/ecs-policy"
  fi
fi
mkdir -p "$tool_path"
tool_path="$(cd "$tool_path" && pwd)"

# A second run in the same job updates (or re-installs) instead of failing on an installed tool.
verb=install
if [ -x "$tool_path/ecs-policy" ]; then
  verb=update
fi

args=(tool "$verb" --tool-path "$tool_path" "$package")
if [ -n "${ECS_POLICY_VERSION:-}" ]; then
  args+=(--version "$ECS_POLICY_VERSION")
fi

if [ -n "${ECS_POLICY_SOURCE:-}" ]; then
  if [ -d "$ECS_POLICY_SOURCE" ]; then
    # A local folder is the only source: a package with the same name and version elsewhere must not be taken instead.
    feed="$(cd "$ECS_POLICY_SOURCE" && pwd)"
    feed=${feed//&/&amp;}
    feed=${feed//</&lt;}
    feed=${feed//>/&gt;}
    feed=${feed//\"/&quot;}
    config_dir="$(mktemp -d)"
    trap 'rm -rf "$config_dir"' EXIT
    cat >"$config_dir/nuget.config" <<XML
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <clear />
    <add key="ecs-policy-local" value="$feed" />
  </packageSources>
</configuration>
XML
    args+=(--configfile "$config_dir/nuget.config")
  else
    args+=(--add-source "$ECS_POLICY_SOURCE")
  fi
fi

dotnet "${args[@]}" >&2
if [ -n "${GITHUB_PATH:-}" ]; then
  echo "$tool_path" >>"$GITHUB_PATH"
fi

echo "$tool_path"
"$tool_path/ecs-policy" --version
