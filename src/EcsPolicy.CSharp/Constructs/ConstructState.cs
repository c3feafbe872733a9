using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace EcsPolicy.CSharp;

/// <summary>
/// What the extraction knows of one construct of the tree while it renders it (<see cref="TaskState"/>,
/// <see cref="ContainerState"/>, ...): the objects an expression can denote (<see cref="Extraction.Denote"/>).
/// </summary>
internal abstract class ConstructState
{
    protected ConstructState(ExpressionSyntax? creation)
    {
        Creation = creation;
    }

    /// <summary>
    /// The expression that makes the construct: its <c>new X(...)</c>, the call that adds it (<c>td.AddContainer(...)</c>),
    /// or the ECS pattern's <c>new X(...)</c> for what a pattern makes. Null for an L1 task definition, which the L1 code
    /// keeps by its model object.
    /// </summary>
    public ExpressionSyntax? Creation { get; }
}
