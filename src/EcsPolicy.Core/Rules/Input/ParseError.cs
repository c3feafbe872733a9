using EcsPolicy.Model;

namespace EcsPolicy.Rules.Input;

/// <summary>ECS0001: raised by the loaders when a file cannot be parsed; there is nothing to check on a model.</summary>
public sealed class ParseError : Rule
{
    public override string Id => "ECS0001";

    public override void Check(TaskDefinition task, RuleContext context)
    {
    }
}
