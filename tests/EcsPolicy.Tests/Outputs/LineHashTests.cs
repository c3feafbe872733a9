using EcsPolicy.Cli.Outputs;

namespace EcsPolicy.Tests.Outputs;

/// <summary>
/// <see cref="LineHash"/> gives the same values as GitHub's upload action. The expected values are the test vectors of
/// github/codeql-action <c>src/fingerprints.test.ts</c> (test "hash").
/// </summary>
public class LineHashTests
{
    private static readonly string[] HelloWorldWithFinalNewline =
    [
        "e9496ae3ebfced30:1",
        "fb7c023a8b9ccb3f:1",
        "ce8ba1a563dcdaca:1",
        "e20e36e16fcb0cc8:1",
        "b3edc88f2938467e:1",
        "c8e28b0b4002a3a0:1",
        "c129715d7a2bc9a3:1",
    ];

    [Fact]
    public void Empty_file_has_one_line_with_the_end_of_file_hash()
    {
        Assert.Equal(["c129715d7a2bc9a3:1"], LineHash.Compute(""));
    }

    [Fact]
    public void Leading_spaces_and_tabs_are_ignored_and_hex_has_no_leading_zeros()
    {
        Assert.Equal(
            ["271789c17abda88f:1", "54703d4cd895b18:1", "180aee12dab6264:1", "a23a3dc5e078b07b:1"],
            LineHash.Compute(" a\nb\n  \t\tc\n d"));
    }

    [Fact]
    public void File_without_final_newline()
    {
        Assert.Equal(
            ["8b7cf3e952e7aeb2:1", "b1ae1287ec4718d9:1", "bff680108adb0fcc:1", "c6805c5e1288b612:1", "b86d3392aea1be30:1", "e6ceba753e1a442:1"],
            LineHash.Compute(" hello; \t\nworld!!!\n\n\n  \t\tGreetings\n End"));
    }

    [Theory]
    [InlineData(" hello; \t\nworld!!!\n\n\n  \t\tGreetings\n End\n")]
    [InlineData(" hello; \t\nworld!!!\r\r\r  \t\tGreetings\r End\r")]
    [InlineData(" hello; \t\r\nworld!!!\r\n\r\n\r\n  \t\tGreetings\r\n End\r\n")]
    [InlineData(" hello; \t\nworld!!!\r\n\n\r  \t\tGreetings\r End\r\n")]
    public void Line_ends_LF_CR_CRLF_and_mixed_give_the_same_hashes(string text)
    {
        Assert.Equal(HelloWorldWithFinalNewline, LineHash.Compute(text));
    }

    [Fact]
    public void Identical_hashes_are_numbered_by_occurrence()
    {
        var text = string.Concat(Enumerable.Repeat("Lorem ipsum dolor sit amet.\n", 10));
        Assert.Equal(
            [
                "a7f2ff13bc495cf2:1",
                "a7f2ff13bc495cf2:2",
                "a7f2ff13bc495cf2:3",
                "a7f2ff13bc495cf2:4",
                "a7f2ff13bc495cf2:5",
                "a7f2ff13bc495cf2:6",
                "a7f2ff1481e87703:1",
                "a9cf91f7bbf1862b:1",
                "55ec222b86bcae53:1",
                "cc97dc7b1d7d8f7b:1",
                "c129715d7a2bc9a3:1",
            ],
            LineHash.Compute(text));
    }

    [Theory]
    [InlineData("")]
    [InlineData("a")]
    [InlineData("a\n")]
    [InlineData("a\r\nb\rc\n\n")]
    [InlineData("{\n  \"family\": \"web\"\n}\n")]
    public void There_is_one_hash_per_line(string text)
    {
        var lines = text.Split(["\r\n", "\r", "\n"], StringSplitOptions.None).Length;
        Assert.Equal(lines, LineHash.Compute(text).Count);
    }

    [Fact]
    public void Reindenting_does_not_change_the_fingerprint_but_editing_the_text_does()
    {
        var original = "{\n  \"family\": \"web\",\n  \"cpu\": \"256\"\n}\n";
        var reindented = "{\n\t\t\"family\":\"web\",\n    \"cpu\" : \"256\"\n}\n";
        var edited = "{\n  \"family\": \"api\",\n  \"cpu\": \"256\"\n}\n";
        Assert.Equal(LineHash.Compute(original), LineHash.Compute(reindented));
        Assert.NotEqual(LineHash.ForLine(original, 2), LineHash.ForLine(edited, 2));
    }

    [Fact]
    public void A_line_hash_covers_only_the_next_100_non_blank_characters()
    {
        var prefix = "x" + new string('a', 99);
        Assert.Equal(LineHash.ForLine(prefix + "\nfirst", 1), LineHash.ForLine(prefix + "\nsecond", 1));
        Assert.NotEqual(LineHash.ForLine(prefix[..98] + "\nfirst", 1), LineHash.ForLine(prefix[..98] + "\nsecond", 1));
    }

    [Fact]
    public void ForLine_is_null_outside_the_file()
    {
        Assert.Null(LineHash.ForLine("a\nb", 0));
        Assert.Null(LineHash.ForLine("a\nb", 3));
        Assert.Equal("c129715d7a2bc9a3:1", LineHash.ForLine("", 1));
    }
}
