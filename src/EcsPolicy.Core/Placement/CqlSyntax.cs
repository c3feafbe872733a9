namespace EcsPolicy.Placement;

/// <summary>A node of a parsed Cluster Query Language expression. Offsets are UTF-16 indexes into the expression.</summary>
public abstract record CqlExpression(int Start, int End);

/// <summary><c>a or b</c>, <c>a || b</c>.</summary>
public sealed record CqlOr(CqlExpression Left, CqlExpression Right) : CqlExpression(Left.Start, Right.End);

/// <summary><c>a and b</c>, <c>a &amp;&amp; b</c>.</summary>
public sealed record CqlAnd(CqlExpression Left, CqlExpression Right) : CqlExpression(Left.Start, Right.End);

/// <summary><c>not a</c>, <c>!a</c>, <c>not(a)</c>.</summary>
public sealed record CqlNot(CqlExpression Operand, int NotStart) : CqlExpression(NotStart, Operand.End);

/// <summary><c>subject operator value</c>, e.g. <c>attribute:ecs.instance-type == t2.small</c>.</summary>
public sealed record CqlComparison(CqlToken Subject, CqlToken Operator, CqlToken Value) : CqlExpression(Subject.Start, Value.End);

/// <summary><c>subject in [a, b]</c>, <c>subject !in [a, b]</c>.</summary>
public sealed record CqlList(CqlToken Subject, CqlToken Operator, IReadOnlyList<CqlToken> Values, int ListStart, int ListEnd) : CqlExpression(Subject.Start, ListEnd);

/// <summary><c>subject exists</c>, <c>subject !exists</c>.</summary>
public sealed record CqlExists(CqlToken Subject, CqlToken Operator) : CqlExpression(Subject.Start, Operator.End);

public enum CqlTokenKind
{
    Word,
    Quoted,
    Operator,
    LeftParen,
    RightParen,
    LeftBracket,
    RightBracket,
    Comma,
    End,
}

/// <summary>A token: <see cref="Text"/> is the value (without quotes for quoted tokens), at [Start, End).</summary>
public sealed record CqlToken(CqlTokenKind Kind, string Text, int Start, int End)
{
    public override string ToString() => Kind == CqlTokenKind.End ? "the end of the expression" : "'" + Text + "'";
}

/// <summary>The first syntax error in an expression, with the range it concerns.</summary>
public sealed record CqlError(string Message, int Start, int End)
{
    /// <summary>
    /// True when the expression is not wrong but past a limit of the parser (nested deeper than
    /// <see cref="CqlParser.MaxDepth"/>): it was not read, so it is not known whether it is valid. The message is then a
    /// reason ("the placement expression nests ...") for a finding that the file was not checked completely.
    /// </summary>
    public bool IsLimit { get; init; }
}

/// <summary>The result of parsing: a tree, or the first error.</summary>
public sealed record CqlParseResult(CqlExpression? Expression, CqlError? Error)
{
    public bool Success => Error is null;
}
