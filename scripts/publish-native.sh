#!/usr/bin/env bash
# Builds the native ecs-policy: the CLI compiled ahead of time into one executable for this machine's platform, which
# starts without a just-in-time compiler (see bench/README.md for what that changes). It reads every input the .NET
# build reads, except that `check --msbuild` is not available. Needs the .NET SDK and the platform's C toolchain
# (clang or gcc, which links the executable). Usage: scripts/publish-native.sh [OUTPUT_DIR]
# (default artifacts/native/RID; RID from the environment variable RID, else this machine's).
set -euo pipefail
cd "$(dirname "$0")/.."
rid=${RID:-$(dotnet --info | sed -n 's/^ *RID: *//p' | head -n 1)}
out=${1:-artifacts/native/$rid}
dotnet publish src/EcsPolicy.Cli -c Release -r "$rid" -p:EcsPolicyNative=true -o "$out" -v:q -nologo
echo "$out/ecs-policy"
