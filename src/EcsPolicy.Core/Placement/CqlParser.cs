using System.Text;

namespace EcsPolicy.Placement;

/// <summary>
/// A parser for the Cluster Query Language of ECS placement constraints (grammar in ecs-facts.md section 4.1):
/// <code>
/// expr    := and (("||" | "or") and)*
/// and     := unary (("&amp;&amp;" | "and") unary)*
/// unary   := ("!" | "not") unary | "(" expr ")" | simple
/// simple  := subject (binop value | listop "[" [value ("," value)*] "]" | "exists" | "!exists" | "not_exists")
/// </code>
/// Both spellings of each operator are accepted. Values are bare tokens (<c>t2.*</c>, <c>service:production</c>) or
/// quoted (<c>'i-abcd1234'</c>). An empty list parses, and is reported by the semantic checks.
/// </summary>
public sealed class CqlParser
{
    /// <summary>Operators written as words, with their symbolic form.</summary>
    private static readonly Dictionary<string, string> WordOperators = new(StringComparer.Ordinal)
    {
        ["equals"] = "==",
        ["not_equals"] = "!=",
        ["greater_than"] = ">",
        ["greater_than_equal"] = ">=",
        ["less_than"] = "<",
        ["less_than_equal"] = "<=",
        ["matches"] = "=~",
        ["not_matches"] = "!~",
        ["in"] = "in",
        ["not_in"] = "!in",
        ["exists"] = "exists",
        ["not_exists"] = "!exists",
    };

    private static readonly string[] SymbolOperators = ["==", "!=", ">=", "<=", "=~", "!~", "&&", "||", ">", "<"];

    /// <summary>
    /// How deep parentheses and <c>not</c> may nest. Each level is a few nested calls of this recursive-descent parser,
    /// so the depth has to be limited for the thread's stack; real expressions nest a few levels, and a deeper one
    /// (2000 characters of '(' fit in an expression) is not read: <see cref="CqlError.IsLimit"/>.
    /// </summary>
    public const int MaxDepth = 100;

    private readonly List<CqlToken> _tokens;
    private readonly string _text;
    private int _position;
    private int _depth;

    private CqlParser(string text, List<CqlToken> tokens)
    {
        _text = text;
        _tokens = tokens;
    }

    /// <summary>The canonical (symbolic) form of an operator token, e.g. <c>equals</c> → <c>==</c>.</summary>
    public static string Canonical(CqlToken op) => WordOperators.TryGetValue(op.Text, out var symbol) ? symbol : op.Text;

    public static CqlParseResult Parse(string text)
    {
        var tokens = Tokenize(text, out var lexError);
        if (lexError != null)
        {
            return new CqlParseResult(null, lexError);
        }

        var parser = new CqlParser(text, tokens);
        try
        {
            if (parser.Peek.Kind == CqlTokenKind.End)
            {
                throw new CqlSyntaxException("The expression is empty.", 0, Math.Max(1, text.Length));
            }

            var expression = parser.ParseOr();
            var rest = parser.Peek;
            if (rest.Kind != CqlTokenKind.End)
            {
                var hint = rest.Kind == CqlTokenKind.RightParen ? "a ')' without a matching '('" : rest + " where 'and', 'or' or the end was expected";
                throw new CqlSyntaxException("Unexpected " + hint + ".", rest.Start, rest.End);
            }

            return new CqlParseResult(expression, null);
        }
        catch (CqlSyntaxException e)
        {
            return new CqlParseResult(null, new CqlError(e.Message, e.Start, e.End) { IsLimit = e.IsLimit });
        }
    }

    private CqlToken Peek => _tokens[_position];

    private CqlToken Next() => _tokens[_position++];

    private CqlExpression ParseOr()
    {
        var left = ParseAnd();
        while (IsOperator(Peek, "||", "or"))
        {
            Next();
            left = new CqlOr(left, ParseAnd());
        }

        return left;
    }

    private CqlExpression ParseAnd()
    {
        var left = ParseUnary();
        while (IsOperator(Peek, "&&", "and"))
        {
            Next();
            left = new CqlAnd(left, ParseUnary());
        }

        return left;
    }

    private CqlExpression ParseUnary()
    {
        var token = Peek;
        var not = IsOperator(token, "!", "not");
        if (!not && token.Kind != CqlTokenKind.LeftParen)
        {
            return ParseSimple();
        }

        if (++_depth > MaxDepth)
        {
            throw new CqlSyntaxException(
                $"the placement expression nests parentheses and 'not' more than {MaxDepth} levels deep, which is more than EcsPolicy reads",
                token.Start,
                token.End,
                isLimit: true);
        }

        Next();
        CqlExpression result;
        if (not)
        {
            result = new CqlNot(ParseUnary(), token.Start);
        }
        else
        {
            result = ParseOr();
            var close = Peek;
            if (close.Kind != CqlTokenKind.RightParen)
            {
                throw new CqlSyntaxException($"Expected ')' to close the '(' at column {token.Start + 1}, found {close}.", close.Start, Math.Max(close.End, close.Start + 1));
            }

            Next();
        }

        _depth--;
        return result;
    }

    private CqlExpression ParseSimple()
    {
        var subject = Next();
        if (subject.Kind != CqlTokenKind.Word || IsKeyword(subject.Text))
        {
            throw new CqlSyntaxException($"Expected a subject such as 'attribute:ecs.instance-type' or 'task:group', found {subject}.", subject.Start, Math.Max(subject.End, subject.Start + 1));
        }

        var op = Next();
        if (op.Kind is not (CqlTokenKind.Operator or CqlTokenKind.Word) || !IsComparisonOperator(op.Text))
        {
            throw new CqlSyntaxException($"Expected an operator after '{subject.Text}' (such as ==, !=, in, =~, exists), found {op}.", op.Start, Math.Max(op.End, op.Start + 1));
        }

        var canonical = Canonical(op);
        if (canonical is "exists" or "!exists")
        {
            return new CqlExists(subject, op);
        }

        if (canonical is "in" or "!in")
        {
            var open = Next();
            if (open.Kind != CqlTokenKind.LeftBracket)
            {
                throw new CqlSyntaxException($"Expected '[' to start the list after '{op.Text}', found {open}.", open.Start, Math.Max(open.End, open.Start + 1));
            }

            var values = new List<CqlToken>();
            if (Peek.Kind == CqlTokenKind.RightBracket)
            {
                return new CqlList(subject, op, values, open.Start, Next().End);
            }

            while (true)
            {
                values.Add(ExpectValue($"a value in the list after '{op.Text}'"));
                var separator = Next();
                if (separator.Kind == CqlTokenKind.RightBracket)
                {
                    return new CqlList(subject, op, values, open.Start, separator.End);
                }

                if (separator.Kind != CqlTokenKind.Comma)
                {
                    throw new CqlSyntaxException($"Expected ',' or ']' in the list, found {separator}.", separator.Start, Math.Max(separator.End, separator.Start + 1));
                }
            }
        }

        return new CqlComparison(subject, op, ExpectValue($"a value after '{op.Text}'"));
    }

    private CqlToken ExpectValue(string what)
    {
        var value = Next();
        if (value.Kind == CqlTokenKind.Quoted || (value.Kind == CqlTokenKind.Word && !IsKeyword(value.Text)))
        {
            return value;
        }

        throw new CqlSyntaxException($"Expected {what}, found {value}.", value.Start, Math.Max(value.End, value.Start + 1));
    }

    private static bool IsOperator(CqlToken token, string symbol, string word) =>
        (token.Kind == CqlTokenKind.Operator && token.Text == symbol) || (token.Kind == CqlTokenKind.Word && token.Text == word);

    private static bool IsComparisonOperator(string text) =>
        WordOperators.ContainsKey(text) || text is "==" or "!=" or ">" or ">=" or "<" or "<=" or "=~" or "!~" or "!in" or "!exists";

    private static bool IsKeyword(string text) => text is "and" or "or" or "not" || WordOperators.ContainsKey(text);

    private static List<CqlToken> Tokenize(string text, out CqlError? error)
    {
        error = null;
        var tokens = new List<CqlToken>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
                continue;
            }

            if (c is not ('\'' or '"') && tokens.Count > 0 && IsMatchOperator(tokens[tokens.Count - 1]))
            {
                // A regular expression: brackets and parentheses belong to it. It ends at white space, or at a ')'
                // that closes a parenthesis opened before the expression, as in not(attribute:x =~ t2.*).
                var start0 = i;
                var depth = 0;
                while (i < text.Length && !char.IsWhiteSpace(text[i]) && !(text[i] == ')' && depth == 0))
                {
                    depth += text[i] == '(' ? 1 : text[i] == ')' ? -1 : 0;
                    i++;
                }

                if (i > start0)
                {
                    tokens.Add(new CqlToken(CqlTokenKind.Word, text.Substring(start0, i - start0), start0, i));
                    continue;
                }
            }

            var single = c switch
            {
                '(' => CqlTokenKind.LeftParen,
                ')' => CqlTokenKind.RightParen,
                '[' => CqlTokenKind.LeftBracket,
                ']' => CqlTokenKind.RightBracket,
                ',' => CqlTokenKind.Comma,
                _ => CqlTokenKind.End,
            };
            if (single != CqlTokenKind.End)
            {
                tokens.Add(new CqlToken(single, c.ToString(), i, i + 1));
                i++;
                continue;
            }

            if (c is '\'' or '"')
            {
                var close = text.IndexOf(c, i + 1);
                if (close < 0)
                {
                    error = new CqlError($"The quoted value starting here is never closed: add the closing {c}.", i, text.Length);
                    return tokens;
                }

                tokens.Add(new CqlToken(CqlTokenKind.Quoted, text.Substring(i + 1, close - i - 1), i, close + 1));
                i = close + 1;
                continue;
            }

            // !in and !exists are single operators; a lone ! is "not".
            if (c == '!' && StartsWithWord(text, i + 1, "in"))
            {
                tokens.Add(new CqlToken(CqlTokenKind.Operator, "!in", i, i + 3));
                i += 3;
                continue;
            }

            if (c == '!' && StartsWithWord(text, i + 1, "exists"))
            {
                tokens.Add(new CqlToken(CqlTokenKind.Operator, "!exists", i, i + 7));
                i += 7;
                continue;
            }

            var symbol = SymbolOperators.FirstOrDefault(s => string.CompareOrdinal(text, i, s, 0, s.Length) == 0);
            if (symbol != null)
            {
                tokens.Add(new CqlToken(CqlTokenKind.Operator, symbol, i, i + symbol.Length));
                i += symbol.Length;
                continue;
            }

            if (c == '!')
            {
                tokens.Add(new CqlToken(CqlTokenKind.Operator, "!", i, i + 1));
                i++;
                continue;
            }

            if (c is '=' or '~' or '&' or '|')
            {
                error = new CqlError(
                    c is '&' or '|'
                        ? $"'{c}' is not an operator here; expressions are joined with && (or and) and || (or or)."
                        : $"'{c}' is not an operator here; compare with ==, !=, >, >=, <, <=, =~ (matches) or !~, or use in, not_in, exists and not_exists.",
                    i,
                    i + 1);
                return tokens;
            }

            var start = i;
            var sb = new StringBuilder();
            while (i < text.Length && !EndsWord(text, i))
            {
                sb.Append(text[i]);
                i++;
            }

            tokens.Add(new CqlToken(CqlTokenKind.Word, sb.ToString(), start, i));
        }

        tokens.Add(new CqlToken(CqlTokenKind.End, "", text.Length, text.Length));
        return tokens;
    }

    private static bool IsMatchOperator(CqlToken t) =>
        (t.Kind == CqlTokenKind.Operator && t.Text is "=~" or "!~") || (t.Kind == CqlTokenKind.Word && t.Text is "matches" or "not_matches");

    private static bool StartsWithWord(string text, int at, string word) =>
        string.CompareOrdinal(text, at, word, 0, word.Length) == 0 && (at + word.Length == text.Length || EndsWord(text, at + word.Length));

    private static bool EndsWord(string text, int i)
    {
        var c = text[i];
        if (char.IsWhiteSpace(c) || c is '(' or ')' or '[' or ']' or ',' or '\'' or '"')
        {
            return true;
        }

        // A two-character operator ends a bare word (attribute:stack==prod); single characters like * | . stay in it.
        return i + 1 < text.Length && SymbolOperators.Any(s => s.Length == 2 && s[0] == c && s[1] == text[i + 1])
            || c is '<' or '>';
    }

    private sealed class CqlSyntaxException(string message, int start, int end, bool isLimit = false) : Exception(message)
    {
        public int Start { get; } = start;

        public int End { get; } = end;

        /// <summary>The expression passes a limit of this parser rather than being wrong (see <see cref="CqlError.IsLimit"/>).</summary>
        public bool IsLimit { get; } = isLimit;
    }
}
