using System.CommandLine;
using System.CommandLine.Invocation;

namespace EcsPolicy.Cli;

/// <summary>
/// <c>ecs-policy --version</c>: the package version (<see cref="Runner.ToolVersion"/>, e.g. <c>1.2.3</c>), whoever the
/// entry assembly is (System.CommandLine's own action prints the entry assembly's informational version, which is a test
/// host's when <see cref="Program.Run"/> is called in-process, and has the commit appended).
/// </summary>
internal sealed class VersionAction : SynchronousCommandLineAction
{
    /// <summary>What <c>--version</c> and <c>version</c> print.</summary>
    public static string InformationalVersion => Runner.ToolVersion;

    public override int Invoke(ParseResult parseResult)
    {
        parseResult.InvocationConfiguration.Output.WriteLine(Runner.ToolVersion);
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
