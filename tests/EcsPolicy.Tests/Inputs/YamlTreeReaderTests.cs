using System.Text;
using EcsPolicy.Inputs;

namespace EcsPolicy.Tests.Inputs;

public class YamlTreeReaderTests
{
    private static SNode Parse(string text)
    {
        var root = YamlTreeReader.Parse("t.yaml", Encoding.UTF8.GetBytes(text), out var failure);
        Assert.True(failure is null, failure?.Message);
        return root!;
    }

    private static ParseFailure Fail(string text)
    {
        var root = YamlTreeReader.Parse("t.yaml", Encoding.UTF8.GetBytes(text), out var failure);
        Assert.Null(root);
        return failure!;
    }

    private static SourceLocation L(int line, int column, int endLine, int endColumn) => new("t.yaml", line, column, endLine, endColumn);

    [Theory]
    [InlineData("\n")]
    [InlineData("\r\n")]
    [InlineData("\r")]
    public void Block_scalars_are_located_whatever_the_line_ending(string eol)
    {
        var root = Parse(string.Join(eol, "Resources:", "  Task:", "    Image: nginx:1.27", "    Memory: 512", ""));
        var task = root.Get("Resources")!.Get("Task")!;
        var image = task.Get("Image")!;
        Assert.Equal(L(3, 12, 3, 22), image.Location);
        Assert.Equal(L(3, 5, 3, 10), image.NameLocation);
        Assert.Equal(NodeKind.Number, task.Get("Memory")!.Kind);
        Assert.Equal(L(4, 13, 4, 16), task.Get("Memory")!.Location);

        // A block mapping ends where its last value ends, not at the next line.
        Assert.Equal(L(3, 5, 4, 16), task.Location);
    }

    [Fact]
    public void Flow_collections_end_after_their_closing_bracket()
    {
        var root = Parse("a: {b: [1, \"x\"], c: d}\n");
        var a = root.Get("a")!;
        Assert.Equal(L(1, 4, 1, 23), a.Location);
        var list = a.Get("b")!;
        Assert.Equal(L(1, 8, 1, 16), list.Location);
        Assert.Equal(L(1, 12, 1, 15), list.Children[1].Location);
        Assert.Equal("x", list.Children[1].Scalar);
    }

    [Fact]
    public void Quoted_scalars_span_their_quotes_and_map_offsets_through_escapes()
    {
        var root = Parse("s: 'it''s ok'\nd: \"a\\tb\\u00e9c!\"\np: plain text!\n");
        var single = root.Get("s")!;
        Assert.Equal("it's ok", single.Scalar);
        Assert.Equal(L(1, 4, 1, 14), single.Location);

        // "ok" is at value index 5; in the source, after the doubled quote, at column 11.
        Assert.Equal(L(1, 11, 1, 13), single.LocationOfRange(5, 7));

        var dq = root.Get("d")!;
        Assert.Equal("a\tb\u00e9c!", dq.Scalar);

        // '!' is value index 5: a, \t (2 chars), b, \u00e9 (6 chars), c → column 5 + 1 + 2 + 1 + 6 + 1 = 16.
        Assert.Equal(L(2, 16, 2, 17), dq.LocationOfRange(5, 6));
        Assert.Equal(L(3, 14, 3, 15), root.Get("p")!.LocationOfRange(10, 11));
    }

    [Fact]
    public void A_multi_line_scalar_falls_back_to_the_whole_value_and_a_block_scalar_ends_on_its_last_line()
    {
        var root = Parse("a: |\n  one\n  two\nb: x\n");
        var a = root.Get("a")!;
        Assert.Equal("one\ntwo\n", a.Scalar);
        Assert.Equal(L(1, 4, 3, 6), a.Location);
        Assert.Equal(a.Location, a.LocationOfRange(4, 5));
    }

    [Fact]
    public void Columns_count_utf16_units_and_a_tab_as_one()
    {
        var root = Parse("a:\t'x'\nb: \U0001F600y\nc: z\n");
        Assert.Equal(L(1, 4, 1, 7), root.Get("a")!.Location);
        Assert.Equal(L(2, 4, 2, 7), root.Get("b")!.Location);
    }

    [Theory]
    [InlineData("true", NodeKind.Boolean, "true")]
    [InlineData("False", NodeKind.Boolean, "false")]
    [InlineData("512", NodeKind.Number, "512")]
    [InlineData("-1.5e3", NodeKind.Number, "-1.5e3")]
    [InlineData("~", NodeKind.Null, null)]
    [InlineData("null", NodeKind.Null, null)]
    [InlineData("", NodeKind.Null, null)]
    [InlineData("'512'", NodeKind.String, "512")]
    [InlineData("\"true\"", NodeKind.String, "true")]
    [InlineData("yes", NodeKind.String, "yes")]
    [InlineData("0x1F", NodeKind.String, "0x1F")]
    [InlineData("1.2.3", NodeKind.String, "1.2.3")]
    [InlineData("!!str 512", NodeKind.String, "512")]
    public void Plain_scalars_are_typed_as_in_the_yaml_1_2_core_schema(string written, NodeKind kind, string? value)
    {
        var node = Parse("v: " + written + "\n").Get("v")!;
        Assert.Equal(kind, node.Kind);
        Assert.Equal(value, node.Scalar);
    }

    [Fact]
    public void Short_form_tags_become_the_long_form_located_at_the_tagged_node()
    {
        var root = Parse("a: !Ref Cpu\nb: !GetAtt Role.Arn\nc: !Sub\n  - '${A}-x'\n  - A: 1\nd: !If [Prod, 1, 2]\ne: !Condition IsProd\n");
        var a = root.Get("a")!;
        Assert.Equal(NodeKind.Object, a.Kind);
        Assert.Equal(L(1, 4, 1, 12), a.Location);
        Assert.Equal("Cpu", a.Get("Ref")!.Scalar);
        Assert.Equal(L(1, 4, 1, 12), a.Get("Ref")!.Location);
        Assert.Equal("Role.Arn", root.Get("b")!.Get("Fn::GetAtt")!.Scalar);
        var sub = root.Get("c")!.Get("Fn::Sub")!;
        Assert.Equal(NodeKind.Array, sub.Kind);
        Assert.Equal("${A}-x", sub.Children[0].Scalar);
        Assert.Equal(3, root.Get("d")!.Get("Fn::If")!.Children.Count);
        Assert.Equal("IsProd", root.Get("e")!.Get("Condition")!.Scalar);
    }

    [Fact]
    public void A_tag_that_is_not_cloudformation_makes_the_value_unknown()
    {
        var node = Parse("a: !Vault secret\n").Get("a")!;
        Assert.Equal(NodeKind.Unknown, node.Kind);
        Assert.Contains("!Vault", node.UnknownReason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_repeated_key_is_a_defect_at_the_second_key_and_the_last_value_is_kept()
    {
        var text = "Resources:\n  Task:\n    Name: a\n    Image: b\n    Name: c\n";
        var root = YamlTreeReader.Parse("t.yaml", text, out var failure, out var defects);
        Assert.Null(failure);
        var task = root!.Get("Resources")!.Get("Task")!;
        Assert.Equal(["Name", "Image"], task.Children.Select(c => c.Name));
        Assert.Equal("c", task.Get("Name")!.Scalar);
        var defect = Assert.Single(defects);
        Assert.Equal(L(5, 5, 5, 9), defect.Location);
        Assert.StartsWith("The key 'Name' appears twice in this mapping (first on line 3): the rest of the file is checked with this last value", defect.Message);

        // Read strictly (custom policies), it is the failure.
        Assert.Equal(L(5, 5, 5, 9), Fail(text).Location);
    }

    [Fact]
    public void Aliases_are_expanded_with_the_copy_located_at_the_alias()
    {
        var root = Parse("a: &env\n  - Name: X\n    Value: '1'\nb: *env\n");
        var copy = root.Get("b")!;
        Assert.Equal(NodeKind.Array, copy.Kind);
        Assert.Equal(L(4, 4, 4, 8), copy.Location);
        Assert.Equal("1", copy.Children[0].Get("Value")!.Scalar);
        Assert.Equal(L(3, 12, 3, 15), copy.Children[0].Get("Value")!.Location);
    }

    [Fact]
    public void An_alias_bomb_is_a_parse_failure_not_a_hang()
    {
        var text = new StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (var i = 1; i <= 9; i++)
        {
            text.Append('a').Append(i).Append(": &a").Append(i).Append(" [").Append(string.Join(", ", Enumerable.Repeat("*a" + (i - 1), 10))).Append("]\n");
        }

        // The reader stops at its node budget (a limit, reported as a file not checked), never building the billion values.
        var failure = Fail(text.ToString());
        Assert.True(failure.IsLimit);
        Assert.StartsWith("the YAML expands to more than 100,000 values", failure.Message, StringComparison.Ordinal);
        Assert.Equal(5, failure.Location.StartLine);
    }

    [Fact]
    public void Syntax_errors_are_located()
    {
        var failure = Fail("a: b: c\n");
        Assert.StartsWith("Invalid YAML: ", failure.Message, StringComparison.Ordinal);
        Assert.Equal((1, 5), (failure.Location.StartLine, failure.Location.StartColumn));

        var unclosed = Fail("a: [1, 2\nb: 3\n");
        Assert.StartsWith("Invalid YAML", unclosed.Message, StringComparison.Ordinal);
        Assert.Equal(1, unclosed.Location.StartLine);
    }

    [Fact]
    public void Undefined_aliases_and_empty_files_are_failures()
    {
        Assert.Contains("'*x'", Fail("a: *x\n").Message, StringComparison.Ordinal);
        Assert.StartsWith("The file is empty", Fail("# only a comment\n").Message, StringComparison.Ordinal);
    }
}
