using System.Text;

namespace EcsPolicy.Tests.Support;

/// <summary>
/// Approved/received golden files: compares the actual text with the approved file; on a difference it
/// writes <c>NAME.received.EXT</c> beside it and fails. With ECSPOLICY_APPROVE=1 it overwrites the approved file instead.
/// </summary>
internal static class Golden
{
    public static void Verify(string approvedPath, string actual)
    {
        actual = actual.Replace("\r\n", "\n");
        var received = ReceivedPath(approvedPath);
        if (Environment.GetEnvironmentVariable("ECSPOLICY_APPROVE") == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(approvedPath)!);
            File.WriteAllText(approvedPath, actual, new UTF8Encoding(false));
            File.Delete(received);
            return;
        }

        var approved = File.Exists(approvedPath) ? File.ReadAllText(approvedPath).Replace("\r\n", "\n") : null;
        if (approved == actual)
        {
            File.Delete(received);
            return;
        }

        File.WriteAllText(received, actual, new UTF8Encoding(false));
        Assert.Fail(approved is null
            ? $"No approved file {approvedPath}; wrote {received}. Review it and rename it, or run with ECSPOLICY_APPROVE=1."
            : $"{approvedPath} differs from the output, written to {received}:\n{FirstDifference(approved, actual)}\nReview, then rename it or run with ECSPOLICY_APPROVE=1.");
    }

    private static string ReceivedPath(string approved)
    {
        var ext = Path.GetExtension(approved);
        return Path.Combine(Path.GetDirectoryName(approved)!, Path.GetFileNameWithoutExtension(approved) + ".received" + ext);
    }

    private static string FirstDifference(string expected, string actual)
    {
        var e = expected.Split('\n');
        var a = actual.Split('\n');
        for (var i = 0; i < Math.Max(e.Length, a.Length); i++)
        {
            var el = i < e.Length ? e[i] : "<end>";
            var al = i < a.Length ? a[i] : "<end>";
            if (el != al)
            {
                return $"line {i + 1}:\n  approved: {el}\n  actual:   {al}";
            }
        }

        return "(whitespace only)";
    }
}
