namespace StrimziGuard.Core.Tests.Structure;

/// <summary>Which folder uses which: the pure part of the structure checks, so a loop finder that finds nothing can be caught.</summary>
internal static class FolderGraph
{
    /// <summary>
    /// A loop in <paramref name="uses"/> as the path that closes it (first folder repeated last, e.g. <c>A, B, A</c>), or null when the
    /// folders form layers. A folder using its own types is no loop. Folders are visited in name order, so the answer is stable.
    /// </summary>
    public static IReadOnlyList<string>? FindLoop(IReadOnlyDictionary<string, IReadOnlySet<string>> uses)
    {
        var done = new HashSet<string>(StringComparer.Ordinal);
        var path = new List<string>();
        foreach (var start in uses.Keys.Order(StringComparer.Ordinal))
        {
            var loop = Visit(start, uses, done, path);
            if (loop is not null) return loop;
        }
        return null;
    }

    private static IReadOnlyList<string>? Visit(string folder, IReadOnlyDictionary<string, IReadOnlySet<string>> uses, HashSet<string> done, List<string> path)
    {
        if (done.Contains(folder)) return null;
        var onPath = path.IndexOf(folder);
        if (onPath >= 0) return [.. path.Skip(onPath), folder];
        path.Add(folder);
        foreach (var used in (uses.GetValueOrDefault(folder) ?? new HashSet<string>()).Where(u => u != folder).Order(StringComparer.Ordinal))
        {
            var loop = Visit(used, uses, done, path);
            if (loop is not null) return loop;
        }
        path.RemoveAt(path.Count - 1);
        done.Add(folder);
        return null;
    }
}
