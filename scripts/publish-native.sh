#!/usr/bin/env bash
# Builds the native ecs-policy: the CLI compiled ahead of time into one executable for this machine's platform, which
# starts without a just-in-time compiler (see bench/README.md for what that changes). It reads every input the .NET
# build reads, except that `check --msbuild` is not available. Needs the .NET SDK and the platform's C toolchain
# (clang or gcc, which links the executable). Usage: scripts/publish-native.sh [OUTPUT_DIR]
# (default artifacts/native/RID; RID from the environment variable RID, else this machine's).
# The folder holds only the executable (ecs-policy, ecs-policy.exe on Windows): no debug symbols (.dbg, .pdb) and no XML
# documentation. NATIVE_SYMBOLS=true keeps the symbols beside it, for a debugger or a crash dump.
# The version is the package's (MinVer, from the git tag; see docs/releasing.md).
set -euo pipefail
cd "$(dirname "$0")/.."
rid=${RID:-$(dotnet --info | sed -n 's/^ *RID: *//p' | head -n 1)}
out=${1:-artifacts/native/$rid}
symbols=(-p:DebugType=none -p:DebugSymbols=false)
[ "${NATIVE_SYMBOLS:-false}" = true ] && symbols=()
dotnet publish src/EcsPolicy.Cli -c Release -r "$rid" -p:EcsPolicyNative=true -p:PublishDocumentationFiles=false "${symbols[@]}" \
  -o "$out" -v:q -nologo
echo "$out/ecs-policy"
