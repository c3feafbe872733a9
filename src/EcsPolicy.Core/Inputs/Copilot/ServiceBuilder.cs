namespace EcsPolicy.Inputs.Copilot;

/// <summary>
/// The canonical ECS service Copilot renders for a service workload (not a Scheduled Job, which runs tasks from a state
/// machine): Fargate or, with <c>count.spot</c> / <c>count.range.spot_from</c>, a Fargate Spot capacity provider
/// strategy; the network placement (<c>network.vpc.placement</c>: public by default, so tasks get public IP addresses);
/// the deployment configuration (a circuit breaker with rollback, <c>deployment.rolling</c>); <c>exec</c>. Subnets and security groups come from the environment and are unknown.
/// </summary>
internal static class ServiceBuilder
{
    public static SNode Build(SNode manifest, string workloadName, SNode type)
    {
        var here = type.Location;
        var props = new List<(string, string?, SourceLocation, SNode)>();
        var name = manifest.Get("name");
        props.Add(("serviceName", "name", name?.NameLocation ?? here, ManifestKey.Keyed(SNode.CreateScalar(NodeKind.String, workloadName, name?.Location ?? here), name)));
        props.Add(("taskDefinition", null, here, SNode.Unknown("the task definition Copilot registers", here, "arn")));

        var count = manifest.Get("count") is { Kind: NodeKind.Object } c ? c : null;
        var spot = count?.Get("spot") ?? (count?.Get("range") is { Kind: NodeKind.Object } range ? range.Get("spot_from") : null);
        if (spot is { Kind: not NodeKind.Null })
        {
            props.Add(("capacityProviderStrategy", spot.Name, spot.NameLocation, ManifestKey.Keyed(
                SNode.Array(spot.Location, [SNode.Object(spot.Location, [
                    ("capacityProvider", spot.Name, spot.NameLocation, ManifestKey.Keyed(SNode.CreateScalar(NodeKind.String, "FARGATE_SPOT", spot.Location), spot)),
                    ("weight", spot.Name, spot.NameLocation, ManifestKey.Keyed(SNode.CreateScalar(NodeKind.Number, "1", spot.Location), spot)),
                ])]),
                spot)));
        }
        else
        {
            props.Add(("launchType", null, here, SNode.CreateScalar(NodeKind.String, "FARGATE", here)));
        }

        props.Add(("networkConfiguration", "network", here, SNode.Object(here, [
            ("awsvpcConfiguration", "network", here, SNode.Object(here, [
                ("subnets", null, here, SNode.Unknown("the subnets of the environment", here)),
                ("securityGroups", null, here, SNode.Unknown("the security groups of the environment", here)),
                ("assignPublicIp", "placement", here, AssignPublicIp(manifest, type)),
            ])),
        ])));

        // Copilot always renders a circuit breaker with rollback; "recreate" stops the old tasks first.
        var rolling = manifest.Get("deployment") is { Kind: NodeKind.Object } deployment ? deployment.Get("rolling") : null;
        var recreate = rolling is { Kind: NodeKind.String, Scalar: "recreate" };
        var at = rolling?.Location ?? here;
        props.Add(("deploymentConfiguration", rolling is null ? null : "deployment", rolling?.NameLocation ?? here, SNode.Object(at, [
            ("deploymentCircuitBreaker", null, here, SNode.Object(here, [
                ("enable", null, here, SNode.CreateScalar(NodeKind.Boolean, "true", here)),
                ("rollback", null, here, SNode.CreateScalar(NodeKind.Boolean, "true", here)),
            ])),
            ("minimumHealthyPercent", null, at, ManifestKey.Keyed(SNode.CreateScalar(NodeKind.Number, recreate ? "0" : "100", at), rolling)),
            ("maximumPercent", null, at, ManifestKey.Keyed(SNode.CreateScalar(NodeKind.Number, recreate ? "100" : "200", at), rolling)),
        ]).SetSourceKey(ManifestKey.Of(rolling))));

        if (manifest.Get("exec") is { Kind: NodeKind.Boolean } exec)
        {
            props.Add(("enableExecuteCommand", "exec", exec.NameLocation, ManifestKey.Keyed(SNode.CopyScalar(exec), exec)));
        }

        return SNode.Object(manifest.Location, props);
    }

    /// <summary>Public placement (Copilot's default) assigns public IP addresses; private does not; subnets given by ID are unknown here.</summary>
    private static SNode AssignPublicIp(SNode manifest, SNode type)
    {
        var network = manifest.Get("network") is { Kind: NodeKind.Object } n ? n : null;
        var vpc = network?.Get("vpc") is { Kind: NodeKind.Object } v ? v : null;
        var placement = vpc?.Get("placement");
        if (placement is null || placement.Kind == NodeKind.Null)
        {
            return SNode.CreateDefault(
                NodeKind.String,
                "ENABLED",
                type.Location,
                "Copilot places a " + type.Scalar + " in public subnets by default: set network.vpc.placement to private in the manifest.");
        }

        return ManifestKey.Keyed(PublicIpOf(placement), placement);
    }

    private static SNode PublicIpOf(SNode placement) =>
        placement.Kind == NodeKind.String
            ? placement.Scalar switch
            {
                "public" => SNode.CreateScalar(NodeKind.String, "ENABLED", placement.Location),
                "private" => SNode.CreateScalar(NodeKind.String, "DISABLED", placement.Location),
                _ => SNode.Unknown("a placement Copilot does not accept", placement.Location),
            }
            : SNode.Unknown("the subnets the placement names", placement.Location);
}
