#!/usr/bin/env python3
"""Writes the hostile inputs of issue 18 into DIR, one folder per case, each holding what `ecs-policy check` is given
(a file, or a folder with its configuration). Used by bench/hostile.sh; small files that cost the most per byte."""
import json
import os
import sys

out = sys.argv[1]


def case(name):
    path = os.path.join(out, name)
    os.makedirs(path, exist_ok=True)
    return path


def write(path, text):
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


SECRET = "hunter2-bench-secret"


def cfn_container(extra):
    return ("      ContainerDefinitions:\n"
            "        - Name: app\n"
            "          Image: public.ecr.aws/nginx/nginx:1.27\n"
            "          Memory: 512\n"
            "          Privileged: true\n"
            "          Environment:\n"
            f"            - {{Name: DB_PASSWORD, Value: {SECRET}}}\n"
            f"            - {{Name: BIG, Value: {extra}}}\n")


def cfn_template(parameters, value, conditions=""):
    return ("AWSTemplateFormatVersion: '2010-09-09'\n"
            f"Parameters:\n{parameters}"
            f"{conditions}"
            "Resources:\n"
            "  Task:\n"
            "    Type: AWS::ECS::TaskDefinition\n"
            "    Properties:\n"
            "      RequiresCompatibilities: [EC2]\n"
            + cfn_container(value))


big = "x" * 100_000
param = f"  Big:\n    Type: String\n    Default: {big}\n"
write(os.path.join(case("cfn-join"), "template.yaml"),
      cfn_template(param, "!Join ['', [" + ", ".join(["!Ref Big"] * 20_000) + "]]"))
write(os.path.join(case("cfn-sub"), "template.yaml"),
      cfn_template(param, "!Sub '" + "${Big}" * 20_000 + "'"))

# Conditions nine levels deep, each level Fn::And of N references to the next level's conditions.
for width in (10, 30):
    lines = ["Conditions:\n", "  L9C0: !Equals [!Ref Mode, on]\n"]
    for level in range(8, -1, -1):
        refs = ", ".join(f"{{Condition: L{level + 1}C0}}" for _ in range(width))
        lines.append(f"  L{level}C0: !And [{refs}]\n")
    params = "  Mode:\n    Type: String\n    Default: on\n"
    text = cfn_template(params, "!If [L0C0, a, b]", "".join(lines))
    write(os.path.join(case(f"cfn-conditions-9x{width}"), "template.yaml"), text)

# A task definition of 25,000 containers, each depending on the next.
containers = [{"name": f"c{i}", "image": "nginx:1.27", "memory": 128, "essential": i == 0,
               "dependsOn": ([{"containerName": f"c{i + 1}", "condition": "START"}] if i + 1 < 25_000 else [])}
              for i in range(25_000)]
write(os.path.join(case("dependson-chain"), "taskdef.json"), json.dumps({"family": "chain", "containerDefinitions": containers}, separators=(",", ":")))

copilot_head = ("name: api\ntype: Load Balanced Web Service\nimage:\n  location: nginx:1.27\n  port: 80\n"
                "http:\n  path: '/'\ncpu: 256\nmemory: 512\n")
for n in (4_000, 90_000):
    envs = "".join(f"  e{i}: {{}}\n" for i in range(n))
    folder = os.path.join(case(f"copilot-envs-{n}"), "copilot", "api")
    os.makedirs(folder, exist_ok=True)
    write(os.path.join(folder, "manifest.yml"), copilot_head + "environments:\n" + envs)

folder = os.path.join(case("copilot-overflow"), "copilot", "api")
os.makedirs(folder, exist_ok=True)
write(os.path.join(folder, "manifest.yml"), copilot_head.replace("  port: 80\n", "  port: 80\n  healthcheck:\n    command: ['CMD', 'true']\n    interval: 99999999999s\n")
      + "taskdef_overrides:\n  - path: ContainerDefinitions[99999999999].Cpu\n    value: 256\n")

# Custom policies: a pattern that backtracks for long, and a path index too large to read.
policy_case = case("policy-regex")
os.makedirs(os.path.join(policy_case, "policies"), exist_ok=True)
write(os.path.join(policy_case, "policies", "slow.yaml"),
      "id: ACME001\ntitle: Slow pattern\nseverity: error\nhelp: h\nfor-each: containers[*]\n"
      "assert:\n  path: image\n  matches: '^(a+)+$'\n")
index_case = case("policy-index")
os.makedirs(os.path.join(index_case, "policies"), exist_ok=True)
write(os.path.join(index_case, "policies", "index.yaml"),
      "id: ACME002\ntitle: Huge index\nseverity: error\nhelp: h\n"
      "assert:\n  path: containers[99999999999].image\n  exists: false\n")
write(os.path.join(policy_case, "taskdef.json"), json.dumps({"family": "p", "containerDefinitions": [
    {"name": "app", "image": "a" * 40 + "!", "memory": 128, "essential": True}]}))

# Placement constraint expressions nested 100,000 parentheses deep.
write(os.path.join(case("cql-nesting"), "taskdef.json"), json.dumps({
    "family": "cql", "containerDefinitions": [{"name": "app", "image": "nginx:1.27", "memory": 128, "essential": True}],
    "placementConstraints": [{"type": "memberOf", "expression": "(" * 100_000 + "attribute:a == b" + ")" * 100_000}]}))

# C#: a constant doubled 40 times, used as an environment value.
consts = "\n".join(f"    const string A{i} = A{i - 1} + A{i - 1};" for i in range(1, 41))
write(os.path.join(case("csharp-doubling"), "Stack.cs"), f"""using Amazon.CDK;
using Amazon.CDK.AWS.ECS;
using Constructs;

class BenchStack : Stack
{{
    const string A0 = "xxxxxxxxxx";
{consts}

    BenchStack(Construct scope) : base(scope, "Bench")
    {{
        var task = new FargateTaskDefinition(this, "Task", new FargateTaskDefinitionProps {{ Cpu = 256, MemoryLimitMiB = 512 }});
        task.AddContainer("app", new ContainerDefinitionOptions
        {{
            Image = ContainerImage.FromRegistry("nginx:1.27"),
            Environment = new System.Collections.Generic.Dictionary<string, string> {{ ["BIG"] = A40 }},
        }});
    }}
}}
""")

# YAML aliases that expand to 10^9 nodes.
write(os.path.join(case("yaml-alias-bomb"), "template.yaml"),
      "AWSTemplateFormatVersion: '2010-09-09'\nMetadata:\n"
      + "".join(f"  l{i}: &l{i} [{', '.join([f'*l{i - 1}'] * 10)}]\n" if i else "  l0: &l0 [x, x, x, x, x, x, x, x, x, x]\n"
                for i in range(9))
      + "Resources:\n  Task:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n" + cfn_container("plain"))

# Template sources (issue 19): texts that are not JSON or YAML until rendered are read again with their tags masked.
# Runs of opening braces and angle brackets cost a masking pass each time a tag is tried, so the patterns are anchored.
write(os.path.join(case("template-brace-run"), "task.json"),
      '{"family": "x", "containerDefinitions": [], "cpu": ' + "{{" * 200_000 + "}")
write(os.path.join(case("template-angle-run"), "task.json"),
      '{"family": "x", "containerDefinitions": [], "cpu": ' + "<" * 200_000 + "}")
write(os.path.join(case("template-many-tags"), "stack.template"),
      "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n"
      "      Family: {{ family }}\n      Tags:\n"
      + "".join("        - {Key: k%d, Value: {{v%d}}}\n" % (i, i) for i in range(20_000))
      + "      ContainerDefinitions: [{Name: app, Image: 'nginx:1.27', Memory: {{ memory }}}]\n")
