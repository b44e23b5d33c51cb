using System.Runtime.CompilerServices;

namespace StrimziGuard.Testing;

/// <summary>
/// Golden files in Verify's convention: <c>NAME.verified.json</c> beside the test source is the approved output; on a mismatch the
/// actual output is written to <c>NAME.received.json</c> and the test fails. Approve by reviewing and renaming received to verified.
/// </summary>
public static class SnapshotFile
{
    public static void Verify(string actual, string name, [CallerFilePath] string testFile = "", string subfolder = "")
    {
        var folder = Path.Combine(Path.GetDirectoryName(testFile)!, subfolder);
        var verified = Path.Combine(folder, $"{name}.verified.json");
        var received = Path.Combine(folder, $"{name}.received.json");
        var normalized = actual.ReplaceLineEndings("\n").TrimEnd() + "\n";
        if (File.Exists(verified) && File.ReadAllText(verified).ReplaceLineEndings("\n") == normalized)
        {
            File.Delete(received);
            return;
        }
        Directory.CreateDirectory(folder);
        File.WriteAllText(received, normalized);
        var hint = File.Exists(verified) ? "differs from" : "has no";
        throw new Xunit.Sdk.XunitException($"{name}: output {hint} {Path.GetFileName(verified)}; review {received} and rename it to .verified.json if it is right");
    }
}
