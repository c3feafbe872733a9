using System.Text;
using EcsPolicy.Inputs;
using EcsPolicy.Tests.Support;

namespace EcsPolicy.Tests.Inputs;

public class JsonTreeReaderTests
{
    private static SNode Parse(string text) => Parse(Encoding.UTF8.GetBytes(text));

    private static SNode Parse(byte[] bytes)
    {
        var root = JsonTreeReader.Parse("t.json", bytes, out var failure);
        Assert.Null(failure);
        return root!;
    }

    private static SNode Image(SNode root) => root.Get("containerDefinitions")!.Children[0].Get("image")!;

    [Theory]
    [InlineData("\n")]
    [InlineData("\r\n")]
    [InlineData("\r")]
    public void Locations_are_right_whatever_the_line_ending(string eol)
    {
        var text = string.Join(eol, "{", "  \"family\": \"web\",", "  \"containerDefinitions\": [", "    { \"name\": \"web\", \"image\": \"nginx\" }", "  ]", "}");
        var image = Image(Parse(text));
        Assert.Equal(new SourceLocation("t.json", 4, 31, 4, 38), image.Location);
        Assert.Equal(new SourceLocation("t.json", 4, 22, 4, 29), image.NameLocation);
        Assert.Equal("/containerDefinitions/0/image", image.Path);
    }

    [Fact]
    public void Columns_count_utf16_units_and_a_tab_as_one()
    {
        var text = "{\n\t\"family\": \"wéb\", \"containerDefinitions\": [{\"name\": \"😀x\", \"image\": \"nginx\"}]\n}";
        var root = Parse(text);
        Assert.Equal(2, root.Get("family")!.NameLocation.StartColumn);
        // "😀" is two UTF-16 code units, "é" one.
        var image = Image(root);
        Assert.Equal(2, image.Location.StartLine);
        Assert.Equal(text.Split('\n')[1].IndexOf("\"nginx\"", StringComparison.Ordinal) + 1, image.Location.StartColumn);
    }

    [Fact]
    public void Utf8_bom_is_skipped_and_columns_start_after_it()
    {
        var bytes = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(Encoding.UTF8.GetBytes("{\"family\": \"web\"}")).ToArray();
        Assert.Equal(new SourceLocation("t.json", 1, 12, 1, 17), Parse(bytes).Get("family")!.Location);
    }

    [Theory]
    [InlineData("utf-16LE")]
    [InlineData("utf-16BE")]
    public void Utf16_files_with_a_bom_are_read(string encoding)
    {
        var enc = Encoding.GetEncoding(encoding);
        var bytes = enc.GetPreamble().Concat(enc.GetBytes("{\n  \"family\": \"web\"\n}")).ToArray();
        Assert.Equal(new SourceLocation("t.json", 2, 13, 2, 18), Parse(bytes).Get("family")!.Location);
    }

    [Theory]
    [InlineData("{\"family\": \"web\",}", 1, 17, "trailing comma")]
    [InlineData("{\n  // note\n  \"family\": \"web\"\n}", 2, 3, "Comments")]
    [InlineData("{\"family\": \"web\"", 1, 17, "ends before")]
    [InlineData("", 1, 1, "empty")]
    [InlineData("{\"family\": \"web\"} x", 1, 19, "Invalid JSON")]
    [InlineData("{\"family\": \"a\u0000b\"}", 1, 14, "Invalid JSON")]
    public void Parse_errors_have_a_location_and_a_reason(string text, int line, int column, string reason)
    {
        Assert.Null(JsonTreeReader.Parse("t.json", Encoding.UTF8.GetBytes(text), out var failure));
        Assert.NotNull(failure);
        Assert.Equal((line, column), (failure!.Location.StartLine, failure.Location.StartColumn));
        Assert.Contains(reason, failure.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Parse_error_position_is_right_with_cr_line_endings()
    {
        Assert.Null(JsonTreeReader.Parse("t.json", Encoding.UTF8.GetBytes("{\r  \"family\": \"web\"\r  // x\r}"), out var failure));
        Assert.Equal((3, 3), (failure!.Location.StartLine, failure.Location.StartColumn));
        Assert.Null(JsonTreeReader.Parse("t.json", Encoding.UTF8.GetBytes("{\r  \"family\": \"web\",\r  }"), out failure));
        Assert.Equal((2, 18), (failure!.Location.StartLine, failure.Location.StartColumn));
    }

    [Fact]
    public void Trailing_commas_and_repeated_keys_are_defects_read_past_with_the_last_value_kept()
    {
        var text = "{\n  \"family\": \"a\",\n  \"cpu\": \"256\",\n  \"family\": \"b\",\n  \"tags\": [1, 2,],\n}";
        var root = JsonTreeReader.Parse("t.json", Encoding.UTF8.GetBytes(text), out var failure, out var defects);
        Assert.Null(failure);
        Assert.NotNull(root);
        Assert.Equal("b", root!.Get("family")!.Scalar);
        Assert.Equal(["family", "cpu", "tags"], root.Children.Select(c => c.Name));
        var found = defects.OrderBy(d => d.Location.StartLine).ThenBy(d => d.Location.StartColumn).Select(d => (d.Location.StartLine, d.Location.StartColumn, d.Message[..20])).ToList();
        Assert.Equal([(4, 3, "The key 'family' app"), (5, 16, "A trailing comma aft"), (5, 18, "A trailing comma aft")], found);
        Assert.Contains("first on line 2", defects.Single(d => d.Message.Contains("'family'")).Message);
    }

    [Fact]
    public void Many_repeated_keys_in_a_large_object_keep_each_last_value()
    {
        // Past the linear scan: 40 keys, each written three times.
        var members = Enumerable.Range(0, 3).SelectMany(round => Enumerable.Range(0, 40).Select(k => $"\"k{k}\": {round}"));
        var root = JsonTreeReader.Parse("t.json", Encoding.UTF8.GetBytes("{" + string.Join(",\n", members) + "}"), out _, out var defects);
        Assert.Equal(40, root!.Children.Count);
        Assert.All(root.Children, c => Assert.Equal("2", c.Scalar));
        Assert.Equal(80, defects.Count);
    }

    [Fact]
    public void Invalid_utf8_is_a_parse_error_at_the_bad_byte()
    {
        var bytes = Encoding.UTF8.GetBytes("{\n  \"family\": \"ab\"\n}");
        bytes[15] = 0xFF;
        Assert.Null(JsonTreeReader.Parse("t.json", bytes, out var failure));
        Assert.Contains("UTF-8", failure!.Message);
        Assert.Equal((2, 14), (failure.Location.StartLine, failure.Location.StartColumn));
    }

    [Fact]
    public void Very_deep_nesting_is_reported_not_followed()
    {
        var text = new string('[', 100_000) + new string(']', 100_000);
        var findings = Lint.Text(text);
        var finding = Assert.Single(findings);

        // Well-formed JSON past a limit of the tool is a file not checked (ECS0009), not a malformed one.
        Assert.Equal("ECS0009", finding.RuleId);
        Assert.Contains("the JSON is nested deeper than 128 levels", finding.Message);
        Assert.Equal((1, 129), (finding.Location.StartLine, finding.Location.StartColumn));
    }
}

public class StringOffsetTests
{
    [Theory]
    [InlineData("attribute:ecs.instance-type == t2.small", 28, 28)]
    [InlineData("attribute:stack == \\\"prod\\\" and x", 20, 21)]
    [InlineData("task:group \\u003d= db", 12, 17)]
    public void Offsets_inside_a_string_map_to_file_columns_across_escapes(string escaped, int index, int expectedRawIndex)
    {
        var text = "{\"expression\": \"" + escaped + "\"}";
        var root = JsonTreeReader.Parse("t.json", System.Text.Encoding.UTF8.GetBytes(text), out _)!;
        var node = root.Get("expression")!;
        var at = node.LocationOfRange(index, index + 1);
        // The value starts after {"expression": " (16 characters), so its first character is column 17.
        Assert.Equal(17 + expectedRawIndex, at.StartColumn);
        Assert.Equal(1, at.StartLine);
    }
}
