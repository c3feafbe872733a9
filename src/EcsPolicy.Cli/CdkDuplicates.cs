
namespace EcsPolicy.Cli;

/// <summary>
/// The stage after linting that keeps one copy of a finding when a run checks both the C# source of an AWS CDK app and
/// its synthesized templates (<c>cdk.out</c>): the same construct is read twice, once from the code and once from the
/// template CDK rendered for it, so every problem would be reported twice. The copy in the C# source is kept, since
/// that is where the user fixes it; a finding of a template is dropped when a C# finding of the same rule is on the
/// same construct (<see cref="Finding.Origin"/>, <c>construct Stack/Path</c>) and the same place in it (the anchor
/// after the object's name, or the model path). Template findings the source reading could not make (a value known
/// only when the app runs) are kept. Loaders and rules know nothing of this: it only compares findings.
/// </summary>
internal static class CdkDuplicates
{
    private const string ConstructPrefix = "construct ";

    /// <summary>The findings without the template copies of C# findings, and how many were left out.</summary>
    public static (List<Finding> Kept, int Dropped) Remove(List<Finding> findings)
    {
        var inSource = new HashSet<(string Rule, string Origin, string Place)>();
        foreach (var f in findings)
        {
            if (IsConstructFinding(f) && IsCSharp(f))
            {
                if (f.Anchor.Length > 0)
                {
                    inSource.Add((f.RuleId, f.Origin!, "anchor:" + AnchorTail(f.Anchor)));
                }

                inSource.Add((f.RuleId, f.Origin!, "path:" + f.Path));
            }
        }

        if (inSource.Count == 0)
        {
            return (findings, 0);
        }

        var kept = new List<Finding>(findings.Count);
        foreach (var f in findings)
        {
            if (IsConstructFinding(f) && !IsCSharp(f)
                && ((f.Anchor.Length > 0 && inSource.Contains((f.RuleId, f.Origin!, "anchor:" + AnchorTail(f.Anchor))))
                    || inSource.Contains((f.RuleId, f.Origin!, "path:" + f.Path))))
            {
                continue;
            }

            kept.Add(f);
        }

        return (kept, findings.Count - kept.Count);
    }

    private static bool IsConstructFinding(Finding f) => f.Origin is { } origin && origin.StartsWith(ConstructPrefix, StringComparison.Ordinal);

    private static bool IsCSharp(Finding f) => f.Location.File.EndsWith(".cs", StringComparison.OrdinalIgnoreCase);

    // The anchor without the object's name (the construct id in C#, the logical ID in a template), which differ between
    // the two readings of one construct: "TaskDef:containerDefinitions[web].image" -> "containerDefinitions[web].image".
    private static string AnchorTail(string anchor) => anchor.IndexOf(':', StringComparison.Ordinal) is var i and >= 0 ? anchor[(i + 1)..] : anchor;
}
