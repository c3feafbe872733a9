#!/usr/bin/env bash
# Writes a CDK C# app with N Fargate task definitions (a few with deliberate problems) into DIR, next to the CDK test
# apps' Directory.*.props so it builds like them. Usage: bench/cdk-app.sh N DIR
set -euo pipefail
cd "$(dirname "$0")/.."
n=$1
app=$2
rm -rf "$app"; mkdir -p "$app"
parent=$(dirname "$app")
cp tests/cdk-apps/Directory.Build.props tests/cdk-apps/Directory.Packages.props "$parent/"
cp tests/cdk-apps/fargate-service/FargateService.csproj "$app/App.csproj"
cp tests/cdk-apps/fargate-service/cdk.json "$app/"
{
  echo 'using Amazon.CDK;'
  echo 'using Amazon.CDK.AWS.ECS;'
  echo 'using Constructs;'
  echo 'var app = new App(new AppProps { Context = new Dictionary<string, object> { ["aws:cdk:enable-path-metadata"] = true } });'
  echo "var stack = new Stack(app, \"Tasks$n\");"
  for i in $(seq 1 "$n"); do
    cpu=$(((i % 3 == 0) ? 1024 : 512))
    mem=$(((i % 7 == 0) ? 3000 : 2048))
    echo "var task$i = new FargateTaskDefinition(stack, \"Task$i\", new FargateTaskDefinitionProps { Cpu = $cpu, MemoryLimitMiB = $mem });"
    echo "task$i.AddContainer(\"web\", new ContainerDefinitionOptions { Image = ContainerImage.FromRegistry(\"public.ecr.aws/nginx/nginx:1.$i\"), PortMappings = [new PortMapping { ContainerPort = 80 }], Logging = LogDrivers.AwsLogs(new AwsLogDriverProps { StreamPrefix = \"web$i\" }) });"
    if ((i % 5 == 0)); then
      echo "task$i.AddContainer(\"sidecar\", new ContainerDefinitionOptions { Image = ContainerImage.FromRegistry(\"busybox:latest\"), Essential = false, MemoryLimitMiB = 128 });"
    fi
  done
  echo 'app.Synth();'
} >"$app/Program.cs"
