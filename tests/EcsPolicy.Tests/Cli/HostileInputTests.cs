using System.Diagnostics;
using System.Text;
using EcsPolicy.Cli;
using EcsPolicy.Tests.Support;

namespace EcsPolicy.Tests.Cli;

/// <summary>
/// Inputs meant to break a linter, through the whole CLI: each ends quickly with a clear finding or message, and the
/// other files of the run are still linted.
/// </summary>
public class HostileInputTests
{
    private const string Clean = """
        {
          "family": "web",
          "containerDefinitions": [{ "name": "web", "image": "public.ecr.aws/nginx/nginx:1.27", "memory": 512, "essential": true }]
        }
        """;

    private static (int Code, string Out, string Err, TimeSpan Took) Run(string root, params string[] paths)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var watch = Stopwatch.StartNew();
        var code = Runner.Run(new CheckSettings { Paths = paths, RootDirectory = root, ReadTimeout = TimeSpan.FromSeconds(2) }, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString(), watch.Elapsed);
    }

    [Fact]
    public void A_100_MB_file_is_one_ECS0001_without_being_read_and_exits_2()
    {
        using var tree = new TempTree();
        var big = Path.Combine(tree.Root, "huge.json");
        using (var stream = File.Create(big))
        {
            stream.SetLength(100L << 20);
        }

        tree.Write("ok.json", Clean);
        var (code, output, _, _) = Run(tree.Root, tree.Root);

        Assert.Equal(2, code);
        Assert.Contains("huge.json(1,1): error ECS0001: The file cannot be read: the file is 104,857,600 bytes, more than the 16,777,216 this tool reads", output, StringComparison.Ordinal);
        Assert.Contains("from 2 file(s)", output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_directory_symlink_loop_is_not_followed()
    {
        using var tree = new TempTree();
        tree.Write("a/task.json", Clean);
        Directory.CreateSymbolicLink(Path.Combine(tree.Root, "a", "loop"), Path.Combine(tree.Root, "a"));
        Directory.CreateSymbolicLink(Path.Combine(tree.Root, "back"), tree.Root);

        var (code, output, err, _) = Run(tree.Root, tree.Root);

        Assert.Equal(0, code);
        Assert.Equal("", err);
        Assert.Contains("in 1 task definition(s) from 1 file(s)", output, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unreadable_file_exits_2_and_the_others_are_still_linted()
    {
        using var tree = new TempTree();
        tree.Write("ok.json", Clean.Replace("nginx:1.27", "nginx:latest", StringComparison.Ordinal));

        // Reading /proc/self/mem from the start fails with an I/O error, even as root (chmod would not stop root).
        File.CreateSymbolicLink(Path.Combine(tree.Root, "broken.json"), "/proc/self/mem");

        var (code, output, err, took) = Run(tree.Root, tree.Root);

        Assert.Equal(2, code);
        Assert.Contains("ecs-policy: broken.json was not checked completely: ", err, StringComparison.Ordinal);
        Assert.Contains("broken.json(1,1): error ECS0001: The file cannot be read: ", output, StringComparison.Ordinal);
        Assert.Contains("ok.json(", output, StringComparison.Ordinal);
        Assert.Contains("ECS6007", output, StringComparison.Ordinal);
        Assert.True(took < TimeSpan.FromSeconds(30), "took " + took);
    }

    [Theory]
    [InlineData("\n")]
    [InlineData("\r\n")]
    [InlineData("\r")]
    public void Yaml_locations_are_right_with_every_line_ending_and_a_bom(string eol)
    {
        using var tree = new TempTree();
        var text = "\uFEFFname: api\ntype: Backend Service\nimage:\n  location: public.ecr.aws/nginx/nginx:latest\n".Replace("\n", eol, StringComparison.Ordinal);
        File.WriteAllText(Path.Combine(tree.Root, "manifest.yml"), text, new UTF8Encoding(false));
        var (_, output, _, _) = Run(tree.Root, Path.Combine(tree.Root, "manifest.yml"));
        Assert.Contains("manifest.yml(4,13): warning ECS6007", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Nul_bytes_and_invalid_utf8_are_ECS0001_at_the_byte()
    {
        using var tree = new TempTree();
        File.WriteAllBytes(Path.Combine(tree.Root, "nul.json"), Encoding.UTF8.GetBytes("{\n  \"family\": \"w\0b\"\n}"));
        File.WriteAllBytes(Path.Combine(tree.Root, "bad.yaml"), [.. Encoding.UTF8.GetBytes("name: api\ntype: Backend Service\nimage: \""), 0xC3, 0x28, (byte)'"', (byte)'\n']);
        var (code, output, _, _) = Run(tree.Root, Path.Combine(tree.Root, "nul.json"), Path.Combine(tree.Root, "bad.yaml"));
        Assert.Equal(1, code);
        Assert.Contains("nul.json(2,", output, StringComparison.Ordinal);
        Assert.Contains("bad.yaml(3,9): error ECS0001: The file is not valid UTF-8 text", output, StringComparison.Ordinal);
    }
}
