using System.CommandLine;
using System.CommandLine.Invocation;
using System.Reflection;

namespace EcsPolicy.Cli;

/// <summary>
/// <c>ecs-policy --version</c>: this assembly's informational version (e.g. <c>0.1.0+&lt;commit&gt;</c>), whoever
/// the entry assembly is (System.CommandLine's own action prints the entry assembly's, which is a test host's when
/// <see cref="Program.Run"/> is called in-process).
/// </summary>
internal sealed class VersionAction : SynchronousCommandLineAction
{
    public static string InformationalVersion { get; } =
        typeof(VersionAction).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? Runner.ToolVersion;

    public override int Invoke(ParseResult parseResult)
    {
        parseResult.InvocationConfiguration.Output.WriteLine(InformationalVersion);
        return Runner.ExitOk;
    }

    /// <summary>Puts this action on the root command's <c>--version</c> option.</summary>
    public static void Attach(RootCommand root)
    {
        foreach (var option in root.Options.OfType<VersionOption>())
        {
            option.Action = new VersionAction();
        }
    }
}
