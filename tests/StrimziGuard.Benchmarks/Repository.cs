namespace StrimziGuard.Benchmarks;

internal static class Repository
{
    /// <summary>The checkout (found by walking up to Webhook.sln from the working directory, then from the binary).</summary>
    public static string Root { get; } = Find(Directory.GetCurrentDirectory()) ?? Find(AppContext.BaseDirectory)
        ?? throw new InvalidOperationException("run the benchmark inside the repository (Webhook.sln not found)");

    private static string? Find(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Webhook.sln"))) return dir.FullName;
        }
        return null;
    }
}
