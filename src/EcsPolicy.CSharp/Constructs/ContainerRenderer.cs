using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace EcsPolicy.CSharp;

// Containers, rendered as Amazon.CDK.Lib 2.160.0 renders them (aws-ecs ContainerDefinition, log drivers, health checks).

/// <summary>
/// Containers (ContainerDefinition, FirelensLogRouter and the methods of a task definition that add one), the values
/// they are made of (images, log drivers, port mappings, health checks, secrets) and the methods that change them.
/// </summary>
internal sealed class ContainerRenderer : ConstructRenderer
{
    private readonly Reader _r;

    public ContainerRenderer(Extraction context)
        : base(context)
    {
        _r = context.Reader;
    }

    public override Type StateType => typeof(ContainerState);

    public override void Create(ExpressionSyntax node, string kind) => NewContainer(node);

    public override void Mutate(ConstructState state, string name, InvocationExpressionSyntax call) => MutateContainer((ContainerState)state, name, call);

    /// <summary>A container: <c>td.AddContainer(id, options)</c>, <c>td.AddFirelensLogRouter(id, options)</c> or <c>new ContainerDefinition(scope, id, props)</c>.</summary>
    private void NewContainer(SyntaxNode node)
    {
        ExpressionSyntax? id;
        Props options;
        TaskState? task;
        bool router;
        if (node is InvocationExpressionSyntax call)
        {
            var (name, receiver) = Syntax.Callee(call);
            if (receiver is null || Denote(receiver) is not TaskState owner)
            {
                return;
            }

            task = owner;
            id = Syntax.Argument(call.ArgumentList, 0, "id");
            options = Props.Read(_r, Syntax.Argument(call.ArgumentList, 1, "props"));
            router = name == "AddFirelensLogRouter";
        }
        else
        {
            var creation = (BaseObjectCreationExpressionSyntax)node;
            id = Syntax.Argument(creation.ArgumentList, 1, "id");
            options = Props.Read(_r, Syntax.Argument(creation.ArgumentList, 2, "props"));
            task = options["TaskDefinition"] is { } owner ? Denote(owner) as TaskState : null;
            if (task is null)
            {
                return;
            }

            router = _r.CdkTypeOf(creation) == "FirelensLogRouter";
        }

        var container = RenderContainer(task, (ExpressionSyntax)node, id, options, router);
        Objects[node] = container;
    }

    internal ContainerState RenderContainer(TaskState task, ExpressionSyntax at, ExpressionSyntax? id, Props options, bool router, string? defaultName = null)
    {
        // A pattern's container points at the pattern's `new X`; others at the call or creation that adds them.
        var head = defaultName != null ? Reader.HeadLoc(at) : Reader.Loc(at);
        var d = new Draft(head);
        var container = new ContainerState(at, d, task);
        task.Containers.Add(container);
        ((DraftList)task.Node.Get("containerDefinitions")!).Items.Add(d);
        if (options.IsUnknown)
        {
            // The options may set ContainerName, which CDK prefers to the construct id.
            d.Set("name", null, head, SNode.Unknown("the options are " + options.UnknownReason + ", and may set ContainerName", head));
            foreach (var member in new[]
            {
                "image", "essential", "cpu", "memory", "memoryReservation", "logConfiguration", "healthCheck", "user", "privileged",
                "readonlyRootFilesystem", "environment", "secrets", "portMappings", "linuxParameters", "startTimeout", "stopTimeout",
            })
            {
                d.Set(member, null, head, SNode.Unknown("the options are " + options.UnknownReason, head));
            }

            task.MayNeedExecutionRole = true;
            return container;
        }

        if (options["ContainerName"] is { } containerName)
        {
            d.Set("name", "ContainerName", options.NameLoc("ContainerName"), _r.StringNode(containerName));
        }
        else if (id != null)
        {
            d.Set("name", null, Reader.Loc(id), _r.StringNode(id));
        }
        else if (defaultName != null)
        {
            d.Set("name", null, head, Reader.Generated(defaultName, head));
        }

        if (options["Image"] is { } image)
        {
            d.Set("image", "Image", options.NameLoc("Image"), Image(image, task, d));
        }

        SetIfGiven(d, options, "Cpu", "cpu", _r.NumberNode);
        SetIfGiven(d, options, "MemoryLimitMiB", "memory", _r.NumberNode);
        SetIfGiven(d, options, "MemoryReservationMiB", "memoryReservation", _r.NumberNode);
        SetIfGiven(d, options, "Essential", "essential", _r.BoolNode);
        foreach (var (prop, member) in new[] { ("User", "user"), ("WorkingDirectory", "workingDirectory"), ("Hostname", "hostname") })
        {
            SetIfGiven(d, options, prop, member, _r.StringNode);
        }

        foreach (var (prop, member) in new[] { ("Privileged", "privileged"), ("ReadonlyRootFilesystem", "readonlyRootFilesystem"), ("DisableNetworking", "disableNetworking"), ("Interactive", "interactive"), ("PseudoTerminal", "pseudoTerminal") })
        {
            SetIfGiven(d, options, prop, member, _r.BoolNode);
        }

        foreach (var (prop, member) in new[] { ("Command", "command"), ("EntryPoint", "entryPoint"), ("DnsServers", "dnsServers"), ("DnsSearchDomains", "dnsSearchDomains"), ("DockerSecurityOptions", "dockerSecurityOptions") })
        {
            if (options[prop] is { } list)
            {
                var items = new DraftList(Reader.Loc(list));
                AddItems(items, list, _r.StringNode);
                d.Set(member, prop, options.NameLoc(prop), items);
            }
        }

        SetIfGiven(d, options, "StartTimeout", "startTimeout", _r.SecondsNode);
        SetIfGiven(d, options, "StopTimeout", "stopTimeout", _r.SecondsNode);
        SetIfGiven(d, options, "DockerLabels", "dockerLabels", MapOrUnknown);
        if (options["Environment"] is { } environment)
        {
            d.Set("environment", "Environment", options.NameLoc("Environment"), Pairs(environment, "name", "value", _r.StringNode));
        }

        if (options["Secrets"] is { } secrets)
        {
            d.Set("secrets", "Secrets", options.NameLoc("Secrets"), Pairs(secrets, "name", "valueFrom", SecretArn));
            task.NeedsExecutionRole = true;
        }

        if (options["EnvironmentFiles"] is not null)
        {
            task.NeedsExecutionRole = true;
        }

        if (options["ExtraHosts"] is { } hosts)
        {
            d.Set("extraHosts", "ExtraHosts", options.NameLoc("ExtraHosts"), Pairs(hosts, "hostname", "ipAddress", _r.StringNode));
        }

        if (options["Logging"] is { } logging)
        {
            d.Set("logConfiguration", "Logging", options.NameLoc("Logging"), Logging(logging, task));
        }

        if (options["PortMappings"] is { } ports)
        {
            AddItems(d.List("portMappings", "PortMappings", options.NameLoc("PortMappings")), ports, p => PortMapping(p, task));
        }

        if (options["HealthCheck"] is { } healthCheck)
        {
            d.Set("healthCheck", "HealthCheck", options.NameLoc("HealthCheck"), HealthCheck(healthCheck));
        }

        if (options["LinuxParameters"] is { } linux)
        {
            d.Set("linuxParameters", "LinuxParameters", options.NameLoc("LinuxParameters"),
                Denote(linux) is LinuxParametersState state ? state.Node : Reader.UnknownNode(_r.Eval(linux).UnknownReason ?? "not known before the app runs", linux));
        }

        if (options["Ulimits"] is { } ulimits)
        {
            AddItems(d.List("ulimits", "Ulimits", options.NameLoc("Ulimits")), ulimits, Struct);
        }

        if (options["GpuCount"] is { } gpus)
        {
            var requirement = new Draft(Reader.Loc(gpus));
            requirement.Set("type", null, Reader.Loc(gpus), Reader.Generated("GPU", Reader.Loc(gpus)));
            requirement.Set("value", "GpuCount", Reader.Loc(gpus), _r.StringNode(gpus));
            d.Set("resourceRequirements", "GpuCount", options.NameLoc("GpuCount"), new DraftList(Reader.Loc(gpus)) { Items = { requirement } });
        }

        if (router)
        {
            task.HasFirelensRouter = true;
            if (options["FirelensConfig"] is { } config)
            {
                d.Set("firelensConfiguration", "FirelensConfig", options.NameLoc("FirelensConfig"), FirelensConfig(config));
            }
        }

        return container;
    }

    private object FirelensConfig(ExpressionSyntax e)
    {
        var props = Props.Read(_r, e);
        if (props.IsUnknown)
        {
            return Reader.UnknownNode(props.UnknownReason!, e);
        }

        var d = new Draft(Reader.Loc(e));
        SetIfGiven(d, props, "Type", "type", _r.StringNode);
        if (props["Options"] is { } options)
        {
            var o = Props.Read(_r, options);
            var rendered = new Draft(Reader.Loc(options));
            var metadata = o["EnableECSLogMetadata"] is { } m ? _r.Eval(m) : Value.Of(true);
            rendered.Set("enable-ecs-log-metadata", "EnableECSLogMetadata", o.NameLoc("EnableECSLogMetadata"),
                metadata.Constant is bool b ? Reader.Generated(b ? "true" : "false", o["EnableECSLogMetadata"] is { } at ? Reader.Loc(at) : Reader.Loc(options)) : Reader.UnknownNode(metadata, options, "not a boolean"));
            if (o["ConfigFileValue"] is { } file)
            {
                rendered.Set("config-file-value", "ConfigFileValue", o.NameLoc("ConfigFileValue"), _r.StringNode(file));
                rendered.Set("config-file-type", "ConfigFileType", o.NameLoc("ConfigFileType"), o["ConfigFileType"] is { } type ? _r.StringNode(type) : SNode.Unknown("s3 or file, by the value", Reader.Loc(file)));
            }

            d.Set("options", "Options", Reader.Loc(options), rendered);
        }

        return d;
    }

    // A dictionary as a list of {name, value} pairs (environment, secrets, extra hosts).
    private object Pairs(ExpressionSyntax e, string keyMember, string valueMember, Func<ExpressionSyntax, SNode> value)
    {
        var entries = Props.Entries(_r, e, out var reason);
        if (entries is null)
        {
            return Reader.UnknownNode(reason ?? "not a dictionary known before the app runs", e);
        }

        var list = new DraftList(Reader.Loc(e));
        foreach (var (key, v) in entries)
        {
            var entry = new Draft(Reader.Loc(key.Parent is ArgumentSyntax { Parent.Parent: ImplicitElementAccessSyntax { Parent: AssignmentExpressionSyntax assignment } } ? assignment : key.Parent ?? key));
            entry.Set(keyMember, null, Reader.Loc(key), _r.StringNode(key));
            entry.Set(valueMember, null, Reader.Loc(v), value(v));
            list.Items.Add(entry);
        }

        return list;
    }

    private SNode SecretArn(ExpressionSyntax e)
    {
        if (_r.Follow(e, out var reason) is InvocationExpressionSyntax call && Syntax.Callee(call) is { Name: { } name, Receiver: { } receiver } && _r.IsCdkStatic(receiver, "Secret"))
        {
            // Secret.FromSecretsManager(secret, field) renders the secret's ARN, with ":field::" after it for a JSON field.
            if (name == "FromSecretsManager" && Syntax.Argument(call.ArgumentList, 0, "secret") is { } secret && ImportedSecretArn(secret) is { } arn)
            {
                var field = Syntax.Argument(call.ArgumentList, 1, "field") is { } f ? _r.Eval(f) : Value.Null;
                if (field.IsNull || field.Constant is string)
                {
                    return SNode.CreateScalar(NodeKind.String, field.Constant is string key ? arn + ":" + key + "::" : arn, Reader.Loc(e));
                }
            }

            return SNode.Unknown(name.StartsWith("FromSsm", StringComparison.Ordinal) ? "the ARN of an SSM parameter" : "the ARN of a Secrets Manager secret", Reader.Loc(e), "arn");
        }

        return SNode.Unknown(reason ?? "a secret reference resolved at deploy time", Reader.Loc(e), "arn");
    }

    /// <summary>
    /// The ARN of a Secrets Manager secret imported by its ARN (<c>Secret.FromSecretCompleteArn(scope, id, arn)</c>,
    /// <c>FromSecretPartialArn</c>), when the ARN is known; CDK renders it as given. Null otherwise.
    /// </summary>
    private string? ImportedSecretArn(ExpressionSyntax secret)
    {
        if (_r.Follow(secret, out _) is not InvocationExpressionSyntax call || Syntax.Callee(call) is not { Name: "FromSecretCompleteArn" or "FromSecretPartialArn" } callee
            || _r.SymbolOf(callee.Receiver!) is not INamedTypeSymbol { Name: "Secret" } type
            || _r.NamespaceOf(type) != "Amazon.CDK.AWS.SecretsManager")
        {
            return null;
        }

        var argument = Syntax.Argument(call.ArgumentList, 2, callee.Name == "FromSecretCompleteArn" ? "secretCompleteArn" : "secretPartialArn");
        return argument is null ? null : _r.Eval(argument).Constant as string;
    }

    /// <summary>The image name of a <c>ContainerImage</c>: the registry name given; ECR and asset images are only known at deploy time.</summary>
    private SNode Image(ExpressionSyntax e, TaskState task, Draft container)
    {
        if (_r.Follow(e, out var reason) is InvocationExpressionSyntax call && Syntax.Callee(call) is { Name: { } name, Receiver: { } receiver } && _r.IsCdkStatic(receiver, "ContainerImage"))
        {
            switch (name)
            {
                case "FromRegistry":
                    {
                        var options = Props.Read(_r, Syntax.Argument(call.ArgumentList, 1, "props"));
                        if (options["Credentials"] is { } credentials)
                        {
                            var repository = new Draft(Reader.Loc(credentials));
                            repository.Set("credentialsParameter", "Credentials", options.NameLoc("Credentials"), SNode.Unknown("the ARN of the secret given as Credentials", Reader.Loc(credentials), "arn"));
                            container.Set("repositoryCredentials", "Credentials", options.NameLoc("Credentials"), repository);
                            task.NeedsExecutionRole = true;
                        }

                        return Syntax.Argument(call.ArgumentList, 0, "name") is { } imageName ? _r.StringNode(imageName) : SNode.Unknown("no image name", Reader.Loc(call));
                    }

                case "FromEcrRepository":
                    task.NeedsExecutionRole = true;
                    return SNode.Unknown("the URI of an image in an Amazon ECR repository, known at deploy time", Reader.Loc(e));
                case "FromAsset" or "FromDockerImageAsset" or "FromTarball":
                    task.NeedsExecutionRole = true;
                    return SNode.Unknown("the image CDK builds and publishes from an asset", Reader.Loc(e));
            }
        }

        task.MayNeedExecutionRole = true;
        return Reader.UnknownNode(reason ?? "an image known at deploy time", e);
    }

    /// <summary>The log configuration a log driver renders (aws-ecs LogDrivers / log driver classes).</summary>
    internal object Logging(ExpressionSyntax e, TaskState task)
    {
        var definition = _r.Follow(e, out var reason);
        string? driver = null;
        ExpressionSyntax? propsArg = null;
        switch (definition)
        {
            case InvocationExpressionSyntax call when Syntax.Callee(call) is { Name: { } name, Receiver: { } receiver } && (_r.IsCdkStatic(receiver, "LogDrivers") || _r.IsCdkStatic(receiver, "LogDriver")):
                driver = name;
                propsArg = Syntax.Argument(call.ArgumentList, 0, "props");
                break;
            case BaseObjectCreationExpressionSyntax creation when _r.CdkTypeOf(creation) is { } type && type.EndsWith("LogDriver", StringComparison.Ordinal):
                driver = type switch
                {
                    "AwsLogDriver" => "AwsLogs",
                    "FireLensLogDriver" => "Firelens",
                    "SplunkLogDriver" => "Splunk",
                    _ => "Generic",
                };
                propsArg = Syntax.Argument(creation.ArgumentList, 0, "props");
                break;
        }

        var at = Reader.Loc(e);
        if (driver is null)
        {
            task.MayNeedExecutionRole = true;
            return Reader.UnknownNode(reason ?? "a log driver known when the app runs", e);
        }

        var props = Props.Read(_r, propsArg);
        var d = new Draft(at);
        var options = new Draft(propsArg != null ? Reader.Loc(propsArg) : at);
        string? logDriver = driver switch
        {
            "AwsLogs" => "awslogs",
            "Firelens" => "awsfirelens",
            "Splunk" => "splunk",
            "Fluentd" => "fluentd",
            "Gelf" => "gelf",
            "JournalD" => "journald",
            "JsonFile" => "json-file",
            "Syslog" => "syslog",
            "None" => "none",
            _ => null,
        };
        if (logDriver is null)
        {
            d.Set("logDriver", "LogDriver", props.NameLoc("LogDriver"), props["LogDriver"] is { } generic ? _r.StringNode(generic) : SNode.Unknown("a log driver", at));
            if (props["Options"] is { } genericOptions)
            {
                d.Set("options", "Options", props.NameLoc("Options"), MapOrUnknown(genericOptions));
            }

            AddSecretOptions(d, props, task);
            return d;
        }

        d.Set("logDriver", null, at, Reader.Generated(logDriver, at));
        if (props.IsUnknown)
        {
            d.Set("options", null, at, SNode.Unknown("the log driver's props are " + props.UnknownReason, at));
            task.NeedsExecutionRole |= logDriver == "awslogs";
            return d;
        }

        switch (logDriver)
        {
            case "awslogs":
                task.NeedsExecutionRole = true;
                options.Set("awslogs-group", "LogGroup", props.NameLoc("LogGroup"), props["LogGroup"] is { } group
                    ? Reader.UnknownNode("the name of the log group given as LogGroup", group)
                    : SNode.Unknown("the name of the log group CDK creates", at));
                AddOption(options, props, "StreamPrefix", "awslogs-stream-prefix");
                options.Set("awslogs-region", null, at, SNode.Unknown("the region of the stack", at));
                AddOption(options, props, "DatetimeFormat", "awslogs-datetime-format");
                AddOption(options, props, "MultilinePattern", "awslogs-multiline-pattern");
                AddOption(options, props, "Mode", "mode");
                if (props["MaxBufferSize"] is { } buffer)
                {
                    options.Set("max-buffer-size", "MaxBufferSize", props.NameLoc("MaxBufferSize"), Reader.UnknownNode("a Size, not evaluated", buffer));
                }

                d.Set("options", null, options.Location, options);
                break;
            case "awsfirelens":
                task.FirelensLogging ??= e;
                if (props["Options"] is { } firelensOptions)
                {
                    d.Set("options", "Options", props.NameLoc("Options"), MapOrUnknown(firelensOptions));
                }

                AddSecretOptions(d, props, task);
                break;
            case "splunk":
                if (props["Token"] is { } token)
                {
                    options.Set("splunk-token", "Token", props.NameLoc("Token"), Reader.UnknownNode("a SecretValue, resolved at deploy time", token));
                }

                AddOption(options, props, "Url", "splunk-url");
                AddOption(options, props, "Source", "splunk-source");
                AddOption(options, props, "SourceType", "splunk-sourcetype");
                AddOption(options, props, "Index", "splunk-index");
                AddOption(options, props, "Format", "splunk-format");
                d.Set("options", null, options.Location, options);
                if (props["SecretToken"] is { } secretToken)
                {
                    var secret = new Draft(Reader.Loc(secretToken));
                    secret.Set("name", null, props.NameLoc("SecretToken"), Reader.Generated("splunk-token", Reader.Loc(secretToken)));
                    secret.Set("valueFrom", "SecretToken", props.NameLoc("SecretToken"), SecretArn(secretToken));
                    d.Set("secretOptions", "SecretToken", props.NameLoc("SecretToken"), new DraftList(Reader.Loc(secretToken)) { Items = { secret } });
                    task.NeedsExecutionRole = true;
                }

                break;
            default:
                if (props.Names.Any())
                {
                    d.Set("options", null, at, SNode.Unknown("the options of the " + logDriver + " log driver, not evaluated", at));
                }

                break;
        }

        return d;
    }

    private void AddOption(Draft options, Props props, string prop, string option)
    {
        if (props[prop] is { } value)
        {
            options.Set(option, prop, props.NameLoc(prop), _r.StringNode(value));
        }
    }

    private void AddSecretOptions(Draft d, Props props, TaskState task)
    {
        if (props["SecretOptions"] is { } secretOptions)
        {
            d.Set("secretOptions", "SecretOptions", props.NameLoc("SecretOptions"), Pairs(secretOptions, "name", "valueFrom", SecretArn));
            task.NeedsExecutionRole = true;
        }
    }

    /// <summary>A port mapping as CDK renders it: protocol tcp by default; host port 0 in bridge mode when none is given.</summary>
    private object PortMapping(ExpressionSyntax e, TaskState task)
    {
        var props = Props.Read(_r, e);
        if (props.IsUnknown)
        {
            return Reader.UnknownNode(props.UnknownReason!, e);
        }

        var at = Reader.Loc(e);
        var d = new Draft(at);
        foreach (var name in props.Names)
        {
            var value = props[name]!;
            switch (name)
            {
                case "ContainerPort" when _r.Eval(value).TryNumber(out var port) && port == -1:
                    break;
                case "ContainerPort" or "HostPort":
                    d.Set(CdkNames.ApiName(name), name, props.NameLoc(name), _r.NumberNode(value));
                    break;
                default:
                    d.Set(CdkNames.ApiName(name), name, props.NameLoc(name), _r.StringNode(value));
                    break;
            }
        }

        d.SetIfAbsent("protocol", null, at, Reader.Generated("tcp", at));
        if (!props.Has("HostPort") && !props.Has("ContainerPortRange"))
        {
            if (task.NetworkMode == "bridge")
            {
                d.Set("hostPort", null, at, SNode.CreateDefault(NodeKind.Number, "0", at, "Host port 0 (a dynamic port) is what CDK sets in bridge network mode when HostPort is not given."));
            }
            else if (task.NetworkMode is null)
            {
                d.Set("hostPort", null, at, SNode.Unknown("0 in bridge network mode, else not set", at));
            }
        }

        return d;
    }

    /// <summary>A health check as CDK renders it: the command prefixed as CDK does, and its defaults for interval, retries and timeout.</summary>
    private object HealthCheck(ExpressionSyntax e)
    {
        var props = Props.Read(_r, e);
        if (props.IsUnknown)
        {
            return Reader.UnknownNode(props.UnknownReason!, e);
        }

        var at = Reader.Loc(e);
        var d = new Draft(at);
        if (props["Command"] is { } command)
        {
            var list = new DraftList(Reader.Loc(command));
            var items = Props.Items(_r, command, out var reason, out var partial);
            if (items is null || partial)
            {
                d.Set("command", "Command", props.NameLoc("Command"), Reader.UnknownNode(reason ?? "items spread from another collection", command));
            }
            else
            {
                var first = items.Count > 0 ? _r.Eval(items[0]).Constant as string : null;
                if (items.Count == 1)
                {
                    list.Items.Add(Reader.Generated("CMD-SHELL", Reader.Loc(command)));
                }
                else if (items.Count > 1 && first is not ("CMD" or "CMD-SHELL"))
                {
                    list.Items.Add(first is null ? SNode.Unknown("CMD unless the first item is CMD or CMD-SHELL", Reader.Loc(command)) : Reader.Generated("CMD", Reader.Loc(command)));
                }

                list.Items.AddRange(items.Select(_r.StringNode));
                d.Set("command", "Command", props.NameLoc("Command"), list);
            }
        }

        foreach (var (prop, member, fallback) in new[] { ("Interval", "interval", 30), ("Retries", "retries", 3), ("Timeout", "timeout", 5), ("StartPeriod", "startPeriod", -1) })
        {
            if (props[prop] is { } value)
            {
                d.Set(member, prop, props.NameLoc(prop), prop == "Retries" ? _r.NumberNode(value) : _r.SecondsNode(value));
            }
            else if (fallback >= 0)
            {
                var text = fallback.ToString(System.Globalization.CultureInfo.InvariantCulture);
                d.Set(member, null, at, SNode.CreateDefault(NodeKind.Number, text, at, prop + " " + text + (prop == "Retries" ? "" : " s") + " is CDK's default for a container health check: set " + prop + " to choose another."));
            }
        }

        return d;
    }

    private void MutateContainer(ContainerState container, string name, InvocationExpressionSyntax call)
    {
        var d = container.Node;
        var at = Reader.Loc(call);
        var task = container.Task!;
        switch (name)
        {
            case "AddPortMappings":
                d.List("portMappings", name, at).Items.AddRange(ParamsItems(call).Select(p => PortMapping(p, task)));
                break;
            case "AddMountPoints":
                d.List("mountPoints", name, at).Items.AddRange(ParamsItems(call).Select(Struct));
                break;
            case "AddUlimits":
                d.List("ulimits", name, at).Items.AddRange(ParamsItems(call).Select(Struct));
                break;
            case "AddVolumesFrom":
                d.List("volumesFrom", name, at).Items.AddRange(ParamsItems(call).Select(Struct));
                break;
            case "AddContainerDependencies":
                d.List("dependsOn", name, at).Items.AddRange(ParamsItems(call).Select(Dependency));
                break;
            case "AddEnvironment" or "AddSecret" when call.ArgumentList.Arguments.Count == 2:
                {
                    var key = call.ArgumentList.Arguments[0].Expression;
                    var value = call.ArgumentList.Arguments[1].Expression;
                    var entry = new Draft(at);
                    entry.Set("name", null, Reader.Loc(key), _r.StringNode(key));
                    if (name == "AddEnvironment")
                    {
                        entry.Set("value", null, Reader.Loc(value), _r.StringNode(value));
                        ListOrUnknown(d, "environment", name, at).Items.Add(entry);
                    }
                    else
                    {
                        entry.Set("valueFrom", null, Reader.Loc(value), SecretArn(value));
                        ListOrUnknown(d, "secrets", name, at).Items.Add(entry);
                        task.NeedsExecutionRole = true;
                    }

                    break;
                }

            case "AddDockerLabel" when call.ArgumentList.Arguments.Count == 2:
                {
                    if ((d.Get("dockerLabels") ?? new Draft(at)) is Draft labels && _r.Eval(call.ArgumentList.Arguments[0].Expression).Constant is string key)
                    {
                        labels.Set(key, null, Reader.Loc(call.ArgumentList.Arguments[0]), _r.StringNode(call.ArgumentList.Arguments[1].Expression));
                        d.SetIfAbsent("dockerLabels", name, at, labels);
                    }

                    break;
                }

            case "AddLink" when call.ArgumentList.Arguments.Count >= 1:
                {
                    var other = call.ArgumentList.Arguments[0].Expression;
                    var alias = call.ArgumentList.Arguments.Count > 1 ? _r.Eval(call.ArgumentList.Arguments[1].Expression) : Value.Null;
                    var target = NameOf(other);
                    d.List("links", name, at).Items.Add(target.Kind == NodeKind.String && (alias.IsNull || alias.Constant is string)
                        ? SNode.CreateScalar(NodeKind.String, target.Scalar + (alias.Constant is string a ? ":" + a : ""), Reader.Loc(other))
                        : SNode.Unknown("a link to a container whose name is not known", Reader.Loc(other)));
                    break;
                }
        }
    }

    // The list in a member, unless the member is an unknown (a dictionary the tool could not read).
    private static DraftList ListOrUnknown(Draft d, string member, string sourceName, SourceLocation at) =>
        d.Get(member) is SNode ? new DraftList(at) : d.List(member, sourceName, at);

    private object Dependency(ExpressionSyntax e)
    {
        var props = Props.Read(_r, e);
        if (props.IsUnknown)
        {
            return Reader.UnknownNode(props.UnknownReason!, e);
        }

        var at = Reader.Loc(e);
        var d = new Draft(at);
        if (props["Container"] is { } other)
        {
            d.Set("containerName", "Container", props.NameLoc("Container"), NameOf(other));
        }

        d.Set("condition", "Condition", props.Has("Condition") ? props.NameLoc("Condition") : at,
            props["Condition"] is { } condition ? _r.StringNode(condition) : Reader.Generated("HEALTHY", at));
        return d;
    }

    // The name of the container an expression denotes, at the expression.
    private SNode NameOf(ExpressionSyntax e) =>
        Denote(e) is ContainerState { NameNode: { Kind: NodeKind.String } name }
            ? SNode.CreateScalar(NodeKind.String, name.Scalar, Reader.Loc(e))
            : SNode.Unknown("a container this tool cannot name", Reader.Loc(e));
}

/// <summary>A container definition being built.</summary>
internal sealed class ContainerState : ConstructState
{
    public ContainerState(ExpressionSyntax creation, Draft node, TaskState? task)
        : base(creation)
    {
        Node = node;
        Task = task;
    }

    public Draft Node { get; }

    public TaskState? Task { get; }

    public SNode? NameNode => Node.Get("name") as SNode;
}
