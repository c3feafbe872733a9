using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace EcsPolicy.CSharp;

/// <summary>
/// Reads C# source statically: what an expression evaluates to, which definition a variable stands for, which CDK type
/// a creation makes. Uses the semantic model where the code binds; where CDK types do not bind (no reference
/// assemblies), falls back to the names as written, accepted only where the file imports the CDK namespace.
/// </summary>
internal sealed class Reader
{
    private const int MaxDepth = 24;

    /// <summary>
    /// The steps one evaluation of an expression takes from the <see cref="Budget"/>. It binds names and follows
    /// definitions, about a hundred times the work of a step of the other front ends, so that a program whose
    /// evaluation fans out (a function calling two others, each calling two more) gives up after 20,000 evaluations,
    /// within a second. A real file takes far fewer: a file of the CDK test apps 25 to 170, a stack of 200 task
    /// definitions about 2,200 (and a stack holds at most 500 resources).
    /// </summary>
    private const int EvalSteps = 100;

    /// <summary>The reason of a value the budget left unevaluated.</summary>
    private const string NotEvaluated = "not evaluated: checking this file took too much work";

    private readonly Dictionary<SyntaxTree, SemanticModel> _models = [];
    private readonly Dictionary<SyntaxNode, ILookup<string, IdentifierNameSyntax>> _identifiers = [];
    private readonly Dictionary<ExpressionSyntax, string?> _cdkTypes = [];
    private readonly Dictionary<INamespaceSymbol, string> _namespaces = new(SymbolEqualityComparer.Default);

    // The parameters of the app's own functions being evaluated (innermost call last), bound to the arguments' values.
    private readonly List<Dictionary<IParameterSymbol, Value>> _calls = [];

    // The largest length each string constant of the program can have (see ConstantBound), by symbol.
    private readonly Dictionary<ISymbol, long> _constantBounds = new(SymbolEqualityComparer.Default);

    // The string constants whose text was read (and its size taken from the budget) once.
    private readonly HashSet<ISymbol> _constantsRead = new(SymbolEqualityComparer.Default);

    // The places each variable is written, by symbol: a name used a thousand times is searched for once.
    private readonly Dictionary<ISymbol, List<SyntaxNode>> _writes = new(SymbolEqualityComparer.Default);

    // The expression the extraction asked the value of (the outermost evaluation), where gaps found elsewhere are reported.
    private ExpressionSyntax? _outermost;
    private SourceLocation? _outermostLoc;

    public Reader(SemanticModel model, CompilationIndex index, CancellationToken cancellation, Budget? budget = null)
    {
        Model = model;
        Index = index;
        Cancellation = cancellation;
        Budget = budget ?? new Budget();
        _models[model.SyntaxTree] = model;
    }

    /// <summary>
    /// The file's budget: every evaluation takes steps from it and every string built takes its size, so a program
    /// written to make evaluation explode (a constant doubled forty times, functions that fan out) costs bounded time
    /// and memory; past it, values are unknown and the place is an ECS0009 finding.
    /// </summary>
    public Budget Budget { get; }

    public SemanticModel Model { get; }

    public CompilationIndex Index { get; }

    public CancellationToken Cancellation { get; }

    public SyntaxTree Tree => Model.SyntaxTree;

    /// <summary>
    /// The identifiers named <paramref name="name"/> under <paramref name="scope"/>, in source order. Each scope is
    /// indexed once per extraction, so looking up every variable of a long program stays linear in its size.
    /// </summary>
    public IEnumerable<IdentifierNameSyntax> IdentifiersNamed(SyntaxNode scope, string name)
    {
        if (!_identifiers.TryGetValue(scope, out var lookup))
        {
            lookup = scope.DescendantNodes().OfType<IdentifierNameSyntax>().ToLookup(id => id.Identifier.ValueText, StringComparer.Ordinal);
            _identifiers[scope] = lookup;
        }

        return lookup[name];
    }

    /// <summary>The semantic model of the tree a node is in (the analyzed tree's own, or one made once per other tree).</summary>
    public SemanticModel ModelFor(SyntaxNode node)
    {
        var tree = node.SyntaxTree;
        if (!_models.TryGetValue(tree, out var model))
        {
            model = Index.Compilation.ContainsSyntaxTree(tree) ? Index.Compilation.GetSemanticModel(tree) : Model;
            _models[tree] = model;
        }

        return model;
    }

    public static SourceLocation Loc(SyntaxNode node) => Loc(node.SyntaxTree, node.Span.Start, node.Span.End);

    public static SourceLocation Loc(SyntaxTree tree, int start, int end)
    {
        var span = tree.GetLineSpan(new Microsoft.CodeAnalysis.Text.TextSpan(start, Math.Max(0, end - start)));
        var endLine = span.EndLinePosition.Line + 1;
        var endColumn = span.EndLinePosition.Character + 1;
        if (end <= start)
        {
            endColumn++;
        }

        return new SourceLocation(tree.FilePath, span.StartLinePosition.Line + 1, span.StartLinePosition.Character + 1, endLine, endColumn);
    }

    /// <summary>Where a default CDK fills in for a construct points: its <c>new X</c>.</summary>
    public static SourceLocation HeadLoc(ExpressionSyntax creation)
    {
        Syntax.CreationHead(creation, out var span);
        return Loc(creation.SyntaxTree, span.Start, span.End);
    }

    /// <summary>
    /// The symbol an expression stands for. With <see cref="CompilationIndex.LooksUpNames"/>, names (<c>td</c>,
    /// <c>this.Field</c>, <c>Compatibility.FARGATE</c>) are looked up in the scope where they are written, which binds
    /// nothing; otherwise, and for anything else, the expression is bound with the statement around it, which for a CDK
    /// construct means overload resolution over its props.
    /// </summary>
    public ISymbol? SymbolOf(ExpressionSyntax e)
    {
        if (Index.LooksUpNames && LookedUp(e) is { } found)
        {
            return found;
        }

        var info = ModelFor(e).GetSymbolInfo(e, Cancellation);
        return info.Symbol ?? (info.CandidateSymbols.Length == 1 ? info.CandidateSymbols[0] : null);
    }

    /// <summary>The one symbol a name finds by lookup alone, or null when binding must decide (overloads, instance members, the same name for a value and a type).</summary>
    private ISymbol? LookedUp(ExpressionSyntax e)
    {
        switch (e)
        {
            case IdentifierNameSyntax id when IsLookedUpName(id):
                {
                    var model = ModelFor(id);
                    var name = id.Identifier.ValueText;
                    var found = model.LookupSymbols(id.SpanStart, name: name);
                    if (found.Length != 1)
                    {
                        return null;
                    }

                    // `Cluster.FromClusterArn(...)` inside a class with a property `Cluster`: C# may pick the type.
                    return found[0] is INamespaceOrTypeSymbol || id.Parent is not MemberAccessExpressionSyntax
                        || model.LookupNamespacesAndTypes(id.SpanStart, name: name).IsEmpty ? found[0] : null;
                }

            case MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax, Name: IdentifierNameSyntax member } access:
                {
                    var found = ModelFor(access).LookupSymbols(access.SpanStart, name: member.Identifier.ValueText);
                    return found.Length == 1 && found[0] is IFieldSymbol or IPropertySymbol ? found[0] : null;
                }

            case MemberAccessExpressionSyntax { Name: IdentifierNameSyntax member } access when access.IsKind(SyntaxKind.SimpleMemberAccessExpression):
                {
                    if (LookedUp(access.Expression) is not INamespaceOrTypeSymbol container)
                    {
                        return null;
                    }

                    // The nearest type (or the namespace) with members of that name decides; only a single static member or type is taken.
                    for (var c = container; c != null; c = (c as ITypeSymbol)?.BaseType)
                    {
                        var members = c.GetMembers(member.Identifier.ValueText);
                        if (members.Length > 0)
                        {
                            return members.Length == 1 && (container is INamespaceSymbol || members[0].IsStatic || members[0] is ITypeSymbol) ? members[0] : null;
                        }
                    }

                    return null;
                }

            default:
                return null;
        }
    }

    /// <summary>Whether a simple name is looked up in its scope (not a member's name after a dot, an initializer's property, an argument's name).</summary>
    private static bool IsLookedUpName(IdentifierNameSyntax id) => id.Parent switch
    {
        MemberAccessExpressionSyntax access => access.Expression == id,
        QualifiedNameSyntax or MemberBindingExpressionSyntax or NameColonSyntax or NameEqualsSyntax => false,
        AssignmentExpressionSyntax { Parent: InitializerExpressionSyntax } assignment => assignment.Left != id,
        _ => true,
    };

    /// <summary>A compile-time constant of a type: null, or its value; a C# enum that is not a CDK enum has no API value.</summary>
    private static Value Constant(object? value, ITypeSymbol? type) =>
        value is null ? Value.Null
        : type?.TypeKind == TypeKind.Enum ? Value.Unknown("a value of enum " + type.Name)
        : Value.Of(value);

    /// <summary>
    /// Whether <see cref="Eval"/> reads the expression itself (literals, names, operators, interpolations, calls other than
    /// <c>nameof</c>) rather than asking the compiler for a constant, which binds the statement around it. A
    /// <c>default</c> literal takes its value from its target type, so the compiler is asked.
    /// </summary>
    private static bool IsEvaluatedHere(ExpressionSyntax e) => e switch
    {
        LiteralExpressionSyntax literal => !literal.IsKind(SyntaxKind.DefaultLiteralExpression),
        InvocationExpressionSyntax invocation => invocation.Expression is not IdentifierNameSyntax { Identifier.ValueText: "nameof" },
        IdentifierNameSyntax or MemberAccessExpressionSyntax or BinaryExpressionSyntax or InterpolatedStringExpressionSyntax or ConditionalExpressionSyntax => true,
        _ => false,
    };

    // ---------------------------------------------------------------- CDK types

    /// <summary>
    /// The CDK type a creation makes (the first known CDK type among the created type and its base types, e.g.
    /// <c>Stack</c> for <c>new MyStack(...)</c>), or null.
    /// </summary>
    public string? CdkTypeOf(ExpressionSyntax creation)
    {
        if (!_cdkTypes.TryGetValue(creation, out var result))
        {
            result = BindCdkType(creation);
            _cdkTypes[creation] = result;
        }

        return result;
    }

    private string? BindCdkType(ExpressionSyntax creation)
    {
        var model = ModelFor(creation);

        if (Index.LooksUpNames && creation is ObjectCreationExpressionSyntax { Type: var typeSyntax })
        {
            // The type as written, bound alone: binding the creation would resolve its constructor's overloads and
            // props, which is most of the time of a C# check. Not in the analyzer, where the statement is bound in the
            // shared semantic model anyway and a speculative binding is work the model does not keep (200 task
            // definitions, warm model: 15 to 10 ms an extraction).
            if (model.GetSpeculativeTypeInfo(typeSyntax.SpanStart, typeSyntax, SpeculativeBindingOption.BindAsTypeOrNamespace).Type is INamedTypeSymbol { TypeKind: not TypeKind.Error } declared
                && declared.Arity == Syntax.Arity(typeSyntax))
            {
                return CdkTypeOf(declared, creation);
            }
        }
        else if (model.GetTypeInfo(creation, Cancellation).Type is INamedTypeSymbol { TypeKind: not TypeKind.Error } type)
        {
            // `new(...)` takes its type from where it goes; a creation that binds to a constructor has a real type.
            var cdkType = CdkTypeOf(type, creation);
            if (cdkType != null || model.GetSymbolInfo(creation, Cancellation).Symbol != null)
            {
                return cdkType;
            }
        }

        // A type that does not bind (no CDK references: `new Stack(...)` may then find System.Collections.Generic.Stack<T>
        // of another arity) is read by its name as written.
        TypeSyntax? written = creation switch
        {
            ObjectCreationExpressionSyntax c => c.Type,
            ImplicitObjectCreationExpressionSyntax c => DeclaredType(c),
            _ => null,
        };
        var name = Syntax.SimpleName(written);
        return name != null && IsVisibleByName(name, Syntax.Qualifier(written), creation) ? name : null;
    }

    /// <summary>The CDK type among <paramref name="type"/> and its base types (user subclasses of Stack or Construct).</summary>
    public string? CdkTypeOf(INamedTypeSymbol? type, SyntaxNode near)
    {
        for (var t = type; t != null; t = t.BaseType)
        {
            if (t.TypeKind == TypeKind.Error)
            {
                return CdkNames.NamespaceOf(t.Name) != null && IsVisibleByName(t.Name, null, near) ? t.Name : null;
            }

            var ns = CdkNames.NamespaceOf(t.Name);
            if (ns != null && NamespaceOf(t) == ns)
            {
                return t.Name;
            }
        }

        return null;
    }

    /// <summary>The full name of the namespace a symbol is declared in (<c>Amazon.CDK.AWS.ECS</c>), or "" for none; each namespace is named once per extraction.</summary>
    public string NamespaceOf(ISymbol symbol)
    {
        if (symbol.ContainingNamespace is not { } ns)
        {
            return "";
        }

        if (!_namespaces.TryGetValue(ns, out var name))
        {
            name = ns.ToDisplayString();
            _namespaces[ns] = name;
        }

        return name;
    }

    /// <summary>Whether an unbound name written in a file can be the CDK type of that name: its namespace is imported or it is qualified by it.</summary>
    public bool IsVisibleByName(string typeName, string? qualifier, SyntaxNode near)
    {
        var ns = CdkNames.NamespaceOf(typeName);
        if (ns is null)
        {
            return false;
        }

        var last = ns.Substring(ns.LastIndexOf('.') + 1);
        if (qualifier != null)
        {
            var q = qualifier.Replace("global::", "");
            return q == ns || q.EndsWith("." + last, StringComparison.OrdinalIgnoreCase) || string.Equals(q, last, StringComparison.OrdinalIgnoreCase)
                || AliasTarget(near, q) == ns;
        }

        if (Index.IsGloballyImported(ns))
        {
            return true;
        }

        for (var node = near; node != null; node = node.Parent)
        {
            var usings = node switch
            {
                CompilationUnitSyntax unit => unit.Usings,
                BaseNamespaceDeclarationSyntax n => n.Usings,
                _ => default,
            };
            if (usings.Any(u => u.Alias is null && u.Name?.ToString() == ns))
            {
                return true;
            }
        }

        return false;
    }

    private static string? AliasTarget(SyntaxNode near, string alias)
    {
        var unit = near.SyntaxTree.GetRoot() as CompilationUnitSyntax;
        return unit?.DescendantNodes(n => n is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax).OfType<UsingDirectiveSyntax>()
            .FirstOrDefault(u => u.Alias?.Name.Identifier.ValueText == alias)?.NamespaceOrType.ToString();
    }

    private static TypeSyntax? DeclaredType(ImplicitObjectCreationExpressionSyntax creation) =>
        creation.Parent is EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax { Parent: VariableDeclarationSyntax declaration } } && !declaration.Type.IsVar
            ? declaration.Type
            : creation.Parent is EqualsValueClauseSyntax { Parent: PropertyDeclarationSyntax property } ? property.Type
            : null;

    /// <summary>
    /// The rendered value of a CDK enum or enum-like member (<c>NetworkMode.AWS_VPC</c> is <c>awsvpc</c>), as
    /// (type name, value); null when <paramref name="e"/> is not one.
    /// </summary>
    public (string Type, string Value)? EnumMember(ExpressionSyntax e)
    {
        if (Syntax.Unwrap(e) is not MemberAccessExpressionSyntax access)
        {
            return null;
        }

        var symbol = SymbolOf(access);
        string? typeName;
        if (symbol is IFieldSymbol or IPropertySymbol && symbol.IsStatic)
        {
            var containing = symbol.ContainingType;
            typeName = containing?.Name;
            if (typeName is null || !CdkNames.IsEnumLike(typeName) || !NamespaceOf(containing!).StartsWith(CdkNames.CoreNamespace, StringComparison.Ordinal))
            {
                return null;
            }
        }
        else if (symbol is null)
        {
            typeName = access.Expression switch
            {
                IdentifierNameSyntax id => id.Identifier.ValueText,
                MemberAccessExpressionSyntax inner => inner.Name.Identifier.ValueText,
                _ => null,
            };
            if (typeName is null || !CdkNames.IsEnumLike(typeName)
                || !IsVisibleByName(typeName, access.Expression is MemberAccessExpressionSyntax q ? q.Expression.ToString() : null, access))
            {
                return null;
            }
        }
        else
        {
            return null;
        }

        return CdkNames.EnumValue(typeName, access.Name.Identifier.ValueText) is { } value ? (typeName, value) : null;
    }

    // ---------------------------------------------------------------- definitions

    /// <summary>
    /// Follows a variable to the expression it was set from (a local or field set once, a get-only property), until an
    /// expression that is not a variable; null with <paramref name="reason"/> when that cannot be known statically.
    /// </summary>
    /// <remarks>
    /// With <paramref name="throughCalls"/> (for objects, not values): also from a parameter of a helper method to the
    /// argument of its one call, and from a call of a helper to the expression it returns (see <see cref="HelperCall"/>).
    /// </remarks>
    public ExpressionSyntax? Follow(ExpressionSyntax e, out string? reason, bool throughCalls = false)
    {
        reason = null;
        for (var depth = 0; depth < MaxDepth; depth++)
        {
            e = Syntax.Unwrap(e);
            if (throughCalls && e is InvocationExpressionSyntax call && Returned(call) is { } returned)
            {
                e = returned;
                continue;
            }

            if (e is not (IdentifierNameSyntax or MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax }))
            {
                return e;
            }

            var symbol = SymbolOf(e);
            ExpressionSyntax? next;
            switch (symbol)
            {
                case ILocalSymbol local:
                    next = DefinitionOf(local, e, out reason);
                    break;
                case IFieldSymbol field when !field.IsConst:
                    next = DefinitionOf(field, out reason);
                    break;
                case IPropertySymbol property when property.Locations.Any(l => l.IsInSource):
                    next = DefinitionOf(property, out reason);
                    break;
                case IParameterSymbol parameter when throughCalls && ArgumentOf(parameter) is { } argument:
                    next = argument;
                    break;
                case IParameterSymbol:
                    reason = "set from a method parameter";
                    return null;
                case null when e is IdentifierNameSyntax id:
                    next = LocalByName(id, out reason);
                    break;
                default:
                    return e;
            }

            if (next is null)
            {
                return null;
            }

            e = next;
        }

        reason = TooManyVariables;
        return null;
    }

    /// <summary>
    /// The one call of a helper method, when <paramref name="method"/> is one: a private, non-virtual method with a body,
    /// declared in this file and called exactly once in it, and never used as a method group (a delegate could call it
    /// again). Its parameters then hold the arguments of that call, and the call is what it returns; a helper called twice
    /// makes two objects of one <c>new</c>, which this reading cannot tell apart.
    /// </summary>
    public InvocationExpressionSyntax? HelperCall(IMethodSymbol? method)
    {
        method = method?.OriginalDefinition;
        if (method is null || (method.MethodKind != MethodKind.LocalFunction && method.DeclaredAccessibility != Accessibility.Private)
            || method.ContainingType?.DeclaringSyntaxReferences.Length > 1 || method.IsVirtual || method.IsAbstract || method.IsExtern
            || method.MethodKind is not (MethodKind.Ordinary or MethodKind.LocalFunction)
            || method.DeclaringSyntaxReferences.Length != 1 || method.DeclaringSyntaxReferences[0].SyntaxTree != Tree)
        {
            return null;
        }

        var reference = method.DeclaringSyntaxReferences[0];

        if (_helperCalls.TryGetValue(method, out var known))
        {
            return known;
        }

        var declaration = reference.GetSyntax(Cancellation);
        var scope = (SyntaxNode?)declaration.Parent?.FirstAncestorOrSelf<SyntaxNode>(n => n is TypeDeclarationSyntax or BlockSyntax or CompilationUnitSyntax) ?? Tree.GetRoot(Cancellation);
        InvocationExpressionSyntax? single = null;
        var uses = 0;
        foreach (var id in IdentifiersNamed(scope, method.Name))
        {
            var bound = SymbolOf(id);
            if (bound != null && !SymbolEqualityComparer.Default.Equals(bound.OriginalDefinition, method.OriginalDefinition))
            {
                continue;
            }

            uses++;
            SyntaxNode callee = id.Parent is MemberAccessExpressionSyntax access && access.Name == id ? access : id;
            single = callee.Parent is InvocationExpressionSyntax invocation && invocation.Expression == callee ? invocation : null;
        }

        var result = uses == 1 ? single : null;
        _helperCalls[method] = result;
        return result;
    }

    private readonly Dictionary<IMethodSymbol, InvocationExpressionSyntax?> _helperCalls = new(SymbolEqualityComparer.Default);

    /// <summary>The argument a parameter of a helper method (<see cref="HelperCall"/>) is given by its one call, or null.</summary>
    public ExpressionSyntax? ArgumentOf(IParameterSymbol parameter)
    {
        if (parameter.ContainingSymbol is not IMethodSymbol method || parameter.IsParams || parameter.RefKind != RefKind.None
            || HelperCall(method) is not { } call)
        {
            return null;
        }

        var arguments = call.ArgumentList.Arguments;
        for (var i = 0; i < arguments.Count; i++)
        {
            var named = arguments[i].NameColon?.Name.Identifier.ValueText;
            if (named == parameter.Name || (named is null && i == parameter.Ordinal))
            {
                return arguments[i].Expression;
            }
        }

        return null;
    }

    /// <summary>
    /// What a call of a helper method (<see cref="HelperCall"/>) returns, when its body returns one expression (an
    /// expression body, or a single <c>return</c>), else null.
    /// </summary>
    public ExpressionSyntax? Returned(InvocationExpressionSyntax call)
    {
        if (SymbolOf(call.Expression) is not IMethodSymbol method || HelperCall(method) != call
            || method.DeclaringSyntaxReferences[0].GetSyntax(Cancellation) is not SyntaxNode declaration)
        {
            return null;
        }

        var (arrow, body) = declaration switch
        {
            MethodDeclarationSyntax m => (m.ExpressionBody, m.Body),
            LocalFunctionStatementSyntax f => (f.ExpressionBody, f.Body),
            _ => (null, null),
        };
        if (arrow != null)
        {
            return arrow.Expression;
        }

        var returns = body?.DescendantNodes(n => n is not (LambdaExpressionSyntax or AnonymousMethodExpressionSyntax or LocalFunctionStatementSyntax)).OfType<ReturnStatementSyntax>().ToList();
        return returns is { Count: 1 } && returns[0].Expression is { } value ? value : null;
    }

    /// <summary>Why <see cref="Follow"/> gave up on a chain of variables longer than it follows.</summary>
    private const string TooManyVariables = "defined through too many variables";

    private ExpressionSyntax? DefinitionOf(ILocalSymbol local, ExpressionSyntax use, out string? reason)
    {
        var declaration = local.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(Cancellation);
        if (declaration is not VariableDeclaratorSyntax declarator)
        {
            reason = declaration is ForEachStatementSyntax ? "a loop variable" : "set where it is declared in a pattern or out argument";
            return null;
        }

        var body = (SyntaxNode?)declarator.FirstAncestorOrSelf<MemberDeclarationSyntax>(m => m is not GlobalStatementSyntax) ?? declarator.SyntaxTree.GetRoot(Cancellation);
        return SingleValue(local, declarator, [body], use, out reason);
    }

    private ExpressionSyntax? DefinitionOf(IFieldSymbol field, out string? reason)
    {
        if (field.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(Cancellation) is not VariableDeclaratorSyntax declarator)
        {
            reason = "a field of a referenced assembly";
            return null;
        }

        if (!field.IsReadOnly && field.DeclaredAccessibility != Accessibility.Private)
        {
            reason = "a field that other code can change";
            return null;
        }

        return SingleValue(field, declarator, TypeBodies(field.ContainingType), null, out reason);
    }

    private ExpressionSyntax? DefinitionOf(IPropertySymbol property, out string? reason)
    {
        reason = null;
        if (property.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(Cancellation) is not PropertyDeclarationSyntax declaration)
        {
            reason = "a property";
            return null;
        }

        if (declaration.ExpressionBody is { } arrow)
        {
            return arrow.Expression;
        }

        var accessors = declaration.AccessorList?.Accessors ?? default;
        if (accessors.Any(a => a.Body != null || a.ExpressionBody != null))
        {
            reason = "a property with code";
            return null;
        }

        var setter = accessors.FirstOrDefault(a => a.Keyword.IsKind(SyntaxKind.SetKeyword) || a.Keyword.IsKind(SyntaxKind.InitKeyword));
        if (setter != null && !setter.Modifiers.Any(SyntaxKind.PrivateKeyword) && !setter.Keyword.IsKind(SyntaxKind.InitKeyword))
        {
            reason = "a property that other code can change";
            return null;
        }

        return SingleValue(property, declaration, TypeBodies(property.ContainingType), null, out reason);
    }

    private IEnumerable<SyntaxNode> TypeBodies(INamedTypeSymbol? type) =>
        type?.DeclaringSyntaxReferences.Select(r => r.GetSyntax(Cancellation)) ?? [];

    // The single value of a variable: its initializer when it is never assigned, else its only assignment.
    private ExpressionSyntax? SingleValue(ISymbol symbol, SyntaxNode declaration, IEnumerable<SyntaxNode> scopes, ExpressionSyntax? use, out string? reason)
    {
        reason = null;
        var initializer = declaration switch
        {
            VariableDeclaratorSyntax v => v.Initializer?.Value,
            PropertyDeclarationSyntax p => p.Initializer?.Value,
            _ => null,
        };
        if (!_writes.TryGetValue(symbol, out var writes))
        {
            writes = [];
            foreach (var scope in scopes)
            {
                foreach (var id in IdentifiersNamed(scope, symbol.Name))
                {
                    if (!IsWrite(id, out _))
                    {
                        continue;
                    }

                    var bound = SymbolOf(id);
                    if (bound is null || SymbolEqualityComparer.Default.Equals(bound.OriginalDefinition, symbol.OriginalDefinition))
                    {
                        writes.Add(id);
                    }
                }
            }

            _writes[symbol] = writes;
        }

        if (writes.Count == 0)
        {
            if (initializer is null)
            {
                reason = "declared without a value";
            }

            return initializer;
        }

        if (initializer is null && writes.Count == 1 && IsWrite(writes[0], out var assigned) && assigned != null
            && (use is null || writes[0].SpanStart < use.SpanStart || writes[0].SyntaxTree != use.SyntaxTree))
        {
            return assigned;
        }

        reason = "assigned more than once";
        return null;
    }

    // Whether an identifier is written to; the assigned value for a simple assignment.
    private static bool IsWrite(SyntaxNode id, out ExpressionSyntax? assigned)
    {
        assigned = null;
        var node = id.Parent is MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax } access && access.Name == id ? access : id;
        switch (node.Parent)
        {
            case AssignmentExpressionSyntax assignment when assignment.Left == node:
                assigned = assignment.IsKind(SyntaxKind.SimpleAssignmentExpression) ? assignment.Right : null;
                return true;
            case PrefixUnaryExpressionSyntax p when p.IsKind(SyntaxKind.PreIncrementExpression) || p.IsKind(SyntaxKind.PreDecrementExpression):
            case PostfixUnaryExpressionSyntax q when q.IsKind(SyntaxKind.PostIncrementExpression) || q.IsKind(SyntaxKind.PostDecrementExpression):
                return true;
            case ArgumentSyntax a when !a.RefKindKeyword.IsKind(SyntaxKind.None) && !a.RefKindKeyword.IsKind(SyntaxKind.InKeyword):
                return true;
            default:
                return false;
        }
    }

    // Without binding: a local declared by that name in an enclosing body.
    private static ExpressionSyntax? LocalByName(IdentifierNameSyntax id, out string? reason)
    {
        reason = "not known before the app runs";
        var name = id.Identifier.ValueText;
        for (SyntaxNode? scope = id.Parent; scope != null; scope = scope.Parent)
        {
            if (scope is not (BlockSyntax or CompilationUnitSyntax))
            {
                continue;
            }

            var declarator = scope.DescendantNodes(n => n == scope || n is not (BlockSyntax or LambdaExpressionSyntax or LocalFunctionStatementSyntax) || n is GlobalStatementSyntax)
                .OfType<VariableDeclaratorSyntax>()
                .FirstOrDefault(v => v.Identifier.ValueText == name && v.SpanStart < id.SpanStart);
            if (declarator?.Initializer != null)
            {
                reason = null;
                return declarator.Initializer.Value;
            }
        }

        return null;
    }

    // ---------------------------------------------------------------- values

    /// <summary>What an expression evaluates to before the app runs.</summary>
    public Value Eval(ExpressionSyntax e, int depth = 0)
    {
        Cancellation.ThrowIfCancellationRequested();
        if (depth == 0)
        {
            _outermost = e;
            _outermostLoc = null;
        }

        if (depth > MaxDepth)
        {
            // The value may well be known before the app runs (a recursive function, a long chain of definitions): that
            // it was not read is a gap in the check, not a value that depends on the run.
            Budget.NotChecked("the value is defined through more than " + MaxDepth + " variables, calls and operators nested in each other", Where(e));
            return Value.Unknown("defined through too many steps");
        }

        if (!Budget.Step(Where(e), "evaluating the C# expressions", EvalSteps))
        {
            return Value.Unknown(NotEvaluated);
        }

        e = Syntax.Unwrap(e);
        if (EnumMember(e) is { } member)
        {
            return Value.Of(member.Value);
        }

        // A constant by name (a const field or local); its type is read only then: the type of a `var` local binds its initializer.
        var symbol = e is IdentifierNameSyntax or MemberAccessExpressionSyntax ? SymbolOf(e) : null;
        if (IsStringConstant(symbol) && !ReadsConstant(symbol!, e))
        {
            return Value.Unknown(NotEvaluated);
        }

        var (constantValue, type) = symbol switch
        {
            IFieldSymbol { HasConstantValue: true } f => (f.ConstantValue, f.Type),
            ILocalSymbol { HasConstantValue: true } l => (l.ConstantValue, l.Type),
            _ => (null, null),
        };
        if (type != null)
        {
            return Constant(constantValue, type);
        }

        var model = ModelFor(e);
        var constant = IsEvaluatedHere(e) ? default : model.GetConstantValue(e, Cancellation);
        if (constant.HasValue)
        {
            return Constant(constant.Value, constant.Value is null ? null : model.GetTypeInfo(e, Cancellation).Type);
        }

        switch (e)
        {
            case LiteralExpressionSyntax literal when literal.IsKind(SyntaxKind.NullLiteralExpression) || literal.IsKind(SyntaxKind.DefaultLiteralExpression):
                return Value.Null;
            case LiteralExpressionSyntax literal:
                return literal.Token.Value is { } v ? Value.Of(v) : Value.Unknown("a literal that cannot be read");
            case IdentifierNameSyntax when _calls.Count > 0 && SymbolOf(e) is IParameterSymbol parameter
                && _calls[_calls.Count - 1].TryGetValue(parameter, out var argument):
                return argument;
            case IdentifierNameSyntax or MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax }:
                {
                    var definition = Follow(e, out var reason);
                    if (reason == TooManyVariables)
                    {
                        Budget.NotChecked("the value is defined through more than " + MaxDepth + " variables, each set from the next", Where(e));
                    }

                    return definition is null ? Value.Unknown(reason ?? "not known before the app runs")
                        : definition == e ? Value.Unknown("'" + e + "' is not known before the app runs")
                        : Eval(definition, depth + 1);
                }

            case MemberAccessExpressionSyntax access:
                {
                    if (symbol is IFieldSymbol or IPropertySymbol && symbol.Locations.Any(l => l.IsInSource) && symbol.IsStatic)
                    {
                        var definition = FollowMember(symbol, out var reason);
                        return definition is null ? Value.Unknown(reason ?? Reason(access)) : Eval(definition, depth + 1);
                    }

                    return Value.Unknown(Reason(access));
                }

            case BinaryExpressionSyntax binary:
                return Binary(binary, depth);
            case InterpolatedStringExpressionSyntax interpolated:
                return Interpolated(interpolated, depth);
            case ConditionalExpressionSyntax conditional:
                {
                    var condition = Eval(conditional.Condition, depth + 1);
                    return condition.Constant is bool b ? Eval(b ? conditional.WhenTrue : conditional.WhenFalse, depth + 1) : Value.Unknown("chosen by a condition that is not known before the app runs");
                }

            case PrefixUnaryExpressionSyntax unary when unary.IsKind(SyntaxKind.UnaryMinusExpression):
                {
                    var operand = Eval(unary.Operand, depth + 1);
                    return operand.TryNumber(out var n) ? Value.Of(-n) : operand.IsKnown ? Value.Unknown("not a number") : operand;
                }

            case PrefixUnaryExpressionSyntax unary when unary.IsKind(SyntaxKind.LogicalNotExpression):
                {
                    var operand = Eval(unary.Operand, depth + 1);
                    return operand.Constant is bool b ? Value.Of(!b) : operand.IsKnown ? Value.Unknown("not a boolean") : operand;
                }

            case InvocationExpressionSyntax invocation:
                return Invocation(invocation, depth);
            default:
                return Value.Unknown("not known before the app runs");
        }
    }

    /// <summary>
    /// Where a gap found while evaluating <paramref name="e"/> is reported: at the value the extraction asked for (the
    /// property of a construct), which is what became unknown and where the user reads the code, though the limit may
    /// have been reached deep in the definitions it is made of, perhaps in another file; else at <paramref name="e"/>
    /// when it is in the file being checked, else at the file's start (each file's findings are in that file).
    /// </summary>
    private SourceLocation Where(ExpressionSyntax e)
    {
        if (_outermost is { } outer && outer.SyntaxTree == Tree)
        {
            return _outermostLoc ??= Loc(outer);
        }

        return e.SyntaxTree == Tree ? Loc(e) : SourceLocation.At(Tree.FilePath, 1, 1);
    }

    private static bool IsStringConstant(ISymbol? symbol) =>
        symbol is IFieldSymbol { IsConst: true, Type.SpecialType: SpecialType.System_String } or ILocalSymbol { IsConst: true, Type.SpecialType: SpecialType.System_String };

    /// <summary>
    /// Whether the text of string constant <paramref name="constant"/> may be read: its largest length
    /// (<see cref="ConstantBound"/>) is taken from the budget the first time. False (and a gap at
    /// <paramref name="use"/>) when it would pass the budget: the compiler keeps a constant doubled forty times as a
    /// tree of its parts, and asking for its text would build a string of a trillion characters.
    /// </summary>
    private bool ReadsConstant(ISymbol constant, ExpressionSyntax use)
    {
        if (_constantsRead.Contains(constant))
        {
            return true;
        }

        if (ConstantBound(constant, use) is not { } bound || !Budget.Build(Where(use), "reading the constant '" + constant.Name + "'", bound))
        {
            return false;
        }

        _constantsRead.Add(constant);
        return true;
    }

    /// <summary>
    /// Has the compiler work out the values of the tree's constant locals in the order they are declared, before
    /// anything is bound. A constant local's value is worked out when it is first bound, from the constants it names,
    /// each in turn, by recursion: binding the last of a chain of ten thousand constants first (the value of a
    /// construct's property) overflowed the stack. A local is declared before it is used, so in that order each value
    /// needs only values already known; the compiler keeps them. (Constant fields the compiler orders itself.)
    /// </summary>
    public void PrepareConstants()
    {
        foreach (var declaration in Tree.GetRoot(Cancellation).DescendantNodes().OfType<LocalDeclarationStatementSyntax>())
        {
            if (!declaration.IsConst)
            {
                continue;
            }

            foreach (var declarator in declaration.Declaration.Variables)
            {
                if (!Budget.Step(Loc(declarator), "reading the constants"))
                {
                    return;
                }

                // Only whether it has a value: the value of a string constant is built when asked for, which this is not.
                _ = (Model.GetDeclaredSymbol(declarator, Cancellation) as ILocalSymbol)?.HasConstantValue;
            }
        }
    }

    /// <summary>A length past any budget, below which sums of lengths do not overflow.</summary>
    private const long BoundCap = 1L << 60;

    /// <summary>
    /// The largest length the text of string constant <paramref name="root"/> can have, found without reading it. A
    /// constant's text is made of the literals of its initializer and the texts of the constants it names (a literal,
    /// a nameof and the other constant operators never make text longer than it is written), so the bound is the length
    /// of the initializer's literals and names plus the bound of each constant it names, as often as it names it. Worked
    /// out with a stack of its own instead of recursion, so that a chain of ten thousand constants, each defined from the
    /// one before, costs ten thousand steps and no deep call stack. Null when the budget runs out.
    /// </summary>
    private long? ConstantBound(ISymbol root, ExpressionSyntax use)
    {
        if (_constantBounds.TryGetValue(root, out var known))
        {
            return known;
        }

        var pending = new Stack<ConstantFrame>();
        var seen = new HashSet<ISymbol>(SymbolEqualityComparer.Default) { root };
        var first = Expand(root, use);
        if (first is null)
        {
            return null;
        }

        pending.Push(first);
        while (pending.Count > 0)
        {
            var frame = pending.Peek();
            if (frame.Next < frame.Named.Count)
            {
                var named = frame.Named[frame.Next++];
                if (!_constantBounds.ContainsKey(named) && seen.Add(named))
                {
                    if (Expand(named, use) is not { } next)
                    {
                        return null;
                    }

                    pending.Push(next);
                }

                continue;
            }

            pending.Pop();
            var bound = frame.Own;
            foreach (var named in frame.Named)
            {
                // A constant still being bounded here is one that names itself, which the compiler rejects: it adds nothing.
                bound = Math.Min(BoundCap, bound + (_constantBounds.TryGetValue(named, out var b) ? b : 0));
            }

            _constantBounds[frame.Constant] = bound;
        }

        return _constantBounds[root];
    }

    /// <summary>
    /// A string constant's own length (the literals and other names written in its initializer) and the string
    /// constants its initializer names; a step for each token. Null when the budget runs out.
    /// </summary>
    private ConstantFrame? Expand(ISymbol constant, ExpressionSyntax use)
    {
        if (constant.DeclaringSyntaxReferences.Length == 1
            && constant.DeclaringSyntaxReferences[0].GetSyntax(Cancellation) is VariableDeclaratorSyntax { Initializer.Value: { } value })
        {
            // Operators, punctuation and keywords add no text; literals and other names (nameof's) at most as they are written.
            var named = new List<ISymbol>();
            var own = 0L;
            foreach (var token in value.DescendantTokens())
            {
                if (!Budget.Step(Where(use), "bounding the length of string constants"))
                {
                    return null;
                }

                // Bound, as the compiler binds the initializer to work the constant's value out (in declaration order, see
                // PrepareConstants), rather than looked up by name.
                if (token.IsKind(SyntaxKind.IdentifierToken) && token.Parent is IdentifierNameSyntax id
                    && ModelFor(id).GetSymbolInfo(id, Cancellation).Symbol is { } symbol && IsStringConstant(symbol))
                {
                    named.Add(symbol);
                }
                else if (token.IsKind(SyntaxKind.IdentifierToken) || !SyntaxFacts.IsPunctuationOrKeyword(token.Kind()))
                {
                    own += token.Span.Length;
                }
            }

            return new ConstantFrame(constant, own, named);
        }

        // A constant of a referenced assembly: its text is read from the assembly, so it is no larger than the assembly.
        var text = (constant as IFieldSymbol)?.ConstantValue as string;
        return new ConstantFrame(constant, text?.Length ?? 0, []);
    }

    private sealed class ConstantFrame(ISymbol constant, long own, List<ISymbol> named)
    {
        public ISymbol Constant { get; } = constant;

        public long Own { get; } = own;

        public List<ISymbol> Named { get; } = named;

        /// <summary>The next of <see cref="Named"/> to bound.</summary>
        public int Next { get; set; }
    }

    private ExpressionSyntax? FollowMember(ISymbol symbol, out string? reason) => symbol switch
    {
        IFieldSymbol field => DefinitionOf(field, out reason),
        IPropertySymbol property => DefinitionOf(property, out reason),
        _ => Fail(out reason),
    };

    private static ExpressionSyntax? Fail(out string? reason)
    {
        reason = "not known before the app runs";
        return null;
    }

    private string Reason(ExpressionSyntax e)
    {
        var text = e.ToString();
        if (text.StartsWith("Aws.", StringComparison.Ordinal) || text.Contains("Token") || text.Contains("Fn."))
        {
            return "a CDK token, resolved at deploy time";
        }

        return "'" + (text.Length > 60 ? text.Substring(0, 57) + "..." : text) + "' is not known before the app runs";
    }

    private Value Binary(BinaryExpressionSyntax binary, int depth)
    {
        // A chain whose every operator is the left operand of the next (`a + b + c + ...`, as C# parses a long
        // concatenation) is read left to right in a loop: recursing into the left operands would stop at the depth limit
        // on a concatenation of thirty parts. Joined strings are appended to one builder, so joining n parts costs their
        // total length, not n times it.
        var chain = new List<BinaryExpressionSyntax>();
        for (ExpressionSyntax x = binary; x is BinaryExpressionSyntax b; x = b.Left)
        {
            chain.Add(b);
        }

        var value = Eval(chain[chain.Count - 1].Left, depth + 1);
        System.Text.StringBuilder? joined = null;
        for (var i = chain.Count - 1; i >= 0; i--)
        {
            var op = chain[i];
            var right = Eval(op.Right, depth + 1);
            var joins = op.IsKind(SyntaxKind.AddExpression) && right.IsKnown;
            if (joins && joined != null)
            {
                if (!Budget.Build(Where(op), "joining strings", right.Text!.Length))
                {
                    return Value.Unknown(NotEvaluated);
                }

                joined.Append(right.Text);
                continue;
            }

            if (joined != null)
            {
                value = Value.Of(joined.ToString());
                joined = null;
            }

            if (joins && value.IsKnown && (value.Constant is string || right.Constant is string))
            {
                if (!Budget.Build(Where(op), "joining strings", (long)value.Text!.Length + right.Text!.Length))
                {
                    return Value.Unknown(NotEvaluated);
                }

                joined = new System.Text.StringBuilder(value.Text).Append(right.Text);
                continue;
            }

            value = Combine(op, value, right);
        }

        return joined != null ? Value.Of(joined.ToString()) : value;
    }

    /// <summary>The value of one operator of a <see cref="Binary"/> chain, from its operands' values (joining strings aside).</summary>
    private Value Combine(BinaryExpressionSyntax binary, Value left, Value right)
    {
        if (binary.IsKind(SyntaxKind.CoalesceExpression))
        {
            return left.IsNull ? right : left;
        }

        if (!left.IsKnown)
        {
            return left.IsNull ? Value.Unknown("null") : left;
        }

        if (!right.IsKnown)
        {
            return right.IsNull ? Value.Unknown("null") : right;
        }

        if (left.TryNumber(out var a) && right.TryNumber(out var b))
        {
            switch (binary.Kind())
            {
                case SyntaxKind.AddExpression:
                    return Value.Of(a + b);
                case SyntaxKind.SubtractExpression:
                    return Value.Of(a - b);
                case SyntaxKind.MultiplyExpression:
                    return Value.Of(a * b);
                case SyntaxKind.DivideExpression when b != 0:
                    // Integer division when both sides are integers, as C# would do for int operands.
                    return Value.Of(a == Math.Floor(a) && b == Math.Floor(b) && IsIntegral(binary) ? Math.Truncate(a / b) : a / b);
                case SyntaxKind.ModuloExpression when b != 0:
                    return Value.Of(a % b);
            }
        }

        if (left.Constant is bool p && right.Constant is bool q)
        {
            switch (binary.Kind())
            {
                case SyntaxKind.LogicalAndExpression:
                    return Value.Of(p && q);
                case SyntaxKind.LogicalOrExpression:
                    return Value.Of(p || q);
            }
        }

        return Value.Unknown("computed in a way this tool does not evaluate");
    }

    private bool IsIntegral(ExpressionSyntax e) =>
        ModelFor(e).GetTypeInfo(e, Cancellation).Type?.SpecialType is SpecialType.System_Int32 or SpecialType.System_Int64 or SpecialType.System_Int16 or SpecialType.System_Byte
            or SpecialType.System_UInt32 or SpecialType.System_UInt64 or null;

    private Value Interpolated(InterpolatedStringExpressionSyntax interpolated, int depth)
    {
        var text = new System.Text.StringBuilder();
        foreach (var content in interpolated.Contents)
        {
            switch (content)
            {
                case InterpolatedStringTextSyntax t:
                    if (!Budget.Build(Where(interpolated), "building an interpolated string", t.TextToken.ValueText.Length))
                    {
                        return Value.Unknown(NotEvaluated);
                    }

                    text.Append(t.TextToken.ValueText);
                    break;
                case InterpolationSyntax i when i.AlignmentClause is null && i.FormatClause is null:
                    {
                        var part = Eval(i.Expression, depth + 1);
                        if (!part.IsKnown || part.IsDuration)
                        {
                            return part.IsKnown ? Value.Unknown("a Duration in a string") : part.IsNull ? Value.Of(text.ToString()) : part;
                        }

                        if (!Budget.Build(Where(interpolated), "building an interpolated string", part.Text!.Length))
                        {
                            return Value.Unknown(NotEvaluated);
                        }

                        text.Append(part.Text);
                        break;
                    }

                default:
                    return Value.Unknown("formatted in a way this tool does not evaluate");
            }
        }

        return Value.Of(text.ToString());
    }

    private Value Invocation(InvocationExpressionSyntax invocation, int depth)
    {
        var (name, receiver) = Syntax.Callee(invocation);
        if (receiver != null && name != null && IsCdkStatic(receiver, "Duration"))
        {
            var amount = Syntax.Argument(invocation.ArgumentList, 0) is { } arg ? Eval(arg, depth + 1) : Value.Unknown("no amount");
            if (!amount.TryNumber(out var n))
            {
                return amount.IsKnown ? Value.Unknown("not a number") : amount;
            }

            double? seconds = name switch
            {
                "Seconds" => n,
                "Minutes" => n * 60,
                "Hours" => n * 3600,
                "Days" => n * 86400,
                "Millis" => n / 1000,
                _ => null,
            };
            return seconds is { } s ? Value.Seconds(s) : Value.Unknown("Duration." + name + " is not evaluated");
        }

        if (receiver != null && name is "ToSeconds" or "ToMinutes" && invocation.ArgumentList.Arguments.Count == 0)
        {
            var duration = Eval(receiver, depth + 1);
            return duration.IsDuration && duration.Constant is double s ? Value.Of(name == "ToSeconds" ? s : s / 60) : duration.IsKnown ? Value.Unknown("not a Duration") : duration;
        }

        // ToString() and ToString(CultureInfo.InvariantCulture): the text this tool gives every value is the invariant one.
        if (receiver != null && name == "ToString" && (invocation.ArgumentList.Arguments.Count == 0
            || (invocation.ArgumentList.Arguments.Count == 1 && IsInvariantCulture(invocation.ArgumentList.Arguments[0].Expression))))
        {
            var inner = Eval(receiver, depth + 1);
            return inner.IsKnown && !inner.IsDuration ? Value.Of(inner.Text!) : inner.IsKnown ? Value.Unknown("a Duration as text") : inner;
        }

        if (AppFunctionCall(invocation, depth) is { } result)
        {
            return result;
        }

        return Value.Unknown(name is null ? "the result of a call" : name == "GetEnvironmentVariable" ? "read from an environment variable when the app runs" : "the result of calling " + name + "()");
    }

    private bool IsInvariantCulture(ExpressionSyntax e) =>
        SymbolOf(Syntax.Unwrap(e)) is IPropertySymbol { Name: "InvariantCulture", ContainingType: { Name: "CultureInfo" } culture }
        && NamespaceOf(culture) == "System.Globalization";

    /// <summary>
    /// A call of a function of the app (a local function or a method in source) whose body is one expression (<c>=&gt;</c>
    /// or a single <c>return</c>): that expression, evaluated with each parameter bound to the value of its argument (or
    /// its default). Null when the callee is not such a function.
    /// </summary>
    private Value? AppFunctionCall(InvocationExpressionSyntax invocation, int depth)
    {
        if (SymbolOf(invocation) is not IMethodSymbol method || method.DeclaringSyntaxReferences.Length != 1 || method.IsGenericMethod)
        {
            return null;
        }

        var declaration = method.DeclaringSyntaxReferences[0].GetSyntax(Cancellation);
        var (body, block) = declaration switch
        {
            LocalFunctionStatementSyntax f => (f.ExpressionBody?.Expression, f.Body),
            MethodDeclarationSyntax m => (m.ExpressionBody?.Expression, m.Body),
            _ => (null, null),
        };
        if (body is null && block is { Statements.Count: 1 } && block.Statements[0] is ReturnStatementSyntax { Expression: { } returned })
        {
            body = returned;
        }

        if (body is null)
        {
            return null;
        }

        var bound = new Dictionary<IParameterSymbol, Value>(SymbolEqualityComparer.Default);
        var arguments = invocation.ArgumentList.Arguments;
        for (var i = 0; i < method.Parameters.Length; i++)
        {
            var parameter = method.Parameters[i];
            if (parameter.IsParams || parameter.RefKind != RefKind.None)
            {
                return Value.Unknown("the result of calling " + method.Name + "(), which takes " + (parameter.IsParams ? "params" : "ref or out") + " arguments");
            }

            var argument = arguments.FirstOrDefault(a => a.NameColon?.Name.Identifier.ValueText == parameter.Name)
                ?? (i < arguments.Count && arguments[i].NameColon is null ? arguments[i] : null);
            bound[parameter] = argument != null ? Eval(argument.Expression, depth + 1)
                : parameter.HasExplicitDefaultValue ? (parameter.ExplicitDefaultValue is { } d ? Value.Of(d) : Value.Null)
                : Value.Unknown("a parameter without an argument");
        }

        _calls.Add(bound);
        try
        {
            return Eval(body, depth + 1);
        }
        finally
        {
            _calls.RemoveAt(_calls.Count - 1);
        }
    }

    /// <summary>Whether <paramref name="receiver"/> names the CDK type <paramref name="typeName"/> (for static calls such as <c>Duration.Seconds</c>).</summary>
    public bool IsCdkStatic(ExpressionSyntax receiver, string typeName)
    {
        var symbol = SymbolOf(receiver);
        if (symbol is INamedTypeSymbol type)
        {
            return CdkTypeOf(type, receiver) == typeName && type.Name == typeName;
        }

        if (symbol != null)
        {
            return false;
        }

        var (written, qualifier) = receiver switch
        {
            IdentifierNameSyntax id => (id.Identifier.ValueText, (string?)null),
            MemberAccessExpressionSyntax access => (access.Name.Identifier.ValueText, access.Expression.ToString()),
            _ => (null, null),
        };
        return written == typeName && IsVisibleByName(typeName, qualifier, receiver);
    }

    // ---------------------------------------------------------------- nodes

    public SNode StringNode(ExpressionSyntax e)
    {
        var v = Eval(e);
        if (!v.IsKnown || v.IsDuration)
        {
            return UnknownNode(v, e, "a Duration where text is expected");
        }

        // A literal written here, on one line: offsets inside the value (a placement expression's error) map to columns.
        var location = Loc(e);
        if (e is LiteralExpressionSyntax { Token: var token } && token.IsKind(SyntaxKind.StringLiteralToken) && location.StartLine == location.EndLine)
        {
            var verbatim = token.Text.StartsWith("@", StringComparison.Ordinal);
            var open = verbatim ? 2 : 1;
            if (token.Text.Length >= open + 1 && token.Text[open - 1] == '"' && token.Text[token.Text.Length - 1] == '"')
            {
                return SNode.CreateCSharpString(v.Text ?? "", token.Text.Substring(open, token.Text.Length - open - 1), verbatim, location, location.StartColumn + open);
            }
        }

        return SNode.CreateScalar(NodeKind.String, v.Text, location);
    }

    public SNode NumberNode(ExpressionSyntax e)
    {
        var v = Eval(e);
        return v.TryNumber(out var n) ? SNode.CreateScalar(NodeKind.Number, CdkNames.Number(n), Loc(e))
            : v.Constant is string s ? SNode.CreateScalar(NodeKind.String, s, Loc(e))
            : UnknownNode(v, e, "not a number");
    }

    /// <summary>A number written as text, as CDK renders task-level cpu and memory (<c>"1024"</c>).</summary>
    public SNode NumberAsStringNode(ExpressionSyntax e)
    {
        var v = Eval(e);
        return v.TryNumber(out var n) ? SNode.CreateScalar(NodeKind.String, CdkNames.Number(n), Loc(e))
            : v.Constant is string s ? SNode.CreateScalar(NodeKind.String, s, Loc(e))
            : UnknownNode(v, e, "not a number");
    }

    public SNode BoolNode(ExpressionSyntax e)
    {
        var v = Eval(e);
        return v.Constant is bool b ? SNode.CreateScalar(NodeKind.Boolean, b ? "true" : "false", Loc(e)) : UnknownNode(v, e, "not a boolean");
    }

    /// <summary>A <c>Duration</c> in whole seconds, as CDK renders timeouts.</summary>
    public SNode SecondsNode(ExpressionSyntax e)
    {
        var v = Eval(e);
        return v.IsDuration && v.Constant is double s ? SNode.CreateScalar(NodeKind.Number, CdkNames.Number(s), Loc(e)) : UnknownNode(v, e, "not a Duration");
    }

    /// <summary>Whatever scalar the expression is (string, number, boolean, duration in seconds).</summary>
    public SNode ScalarNode(ExpressionSyntax e)
    {
        var v = Eval(e);
        return v.Constant switch
        {
            string s => SNode.CreateScalar(NodeKind.String, s, Loc(e)),
            bool b => SNode.CreateScalar(NodeKind.Boolean, b ? "true" : "false", Loc(e)),
            double d => SNode.CreateScalar(NodeKind.Number, CdkNames.Number(d), Loc(e)),
            _ => UnknownNode(v, e, "not a value"),
        };
    }

    public static SNode UnknownNode(Value v, ExpressionSyntax e, string ifKnown) => UnknownNode(v.UnknownReason ?? (v.IsNull ? "null" : ifKnown), e);

    /// <summary>An unknown at <paramref name="e"/>; its form is an ARN when it reads a member named like one (<c>role.RoleArn</c>).</summary>
    public static SNode UnknownNode(string reason, ExpressionSyntax e) =>
        Syntax.Unwrap(e) is MemberAccessExpressionSyntax access && access.Name.Identifier.ValueText.EndsWith("Arn", StringComparison.Ordinal)
            ? SNode.Unknown(reason, Loc(e), "arn")
            : SNode.Unknown(reason, Loc(e));

    public static SNode Generated(string text, SourceLocation at) => SNode.CreateScalar(NodeKind.String, text, at);

    public static SNode GeneratedNumber(double value, SourceLocation at) => SNode.CreateScalar(NodeKind.Number, CdkNames.Number(value), at);

    public static string Invariant(double value) => value.ToString(CultureInfo.InvariantCulture);
}
