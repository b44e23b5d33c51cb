namespace StrimziGuard.Fuzz;

/// <summary>The command line: <c>--target all|NAME[,NAME]</c>, <c>--count N</c>, <c>--seconds S</c> (per target), <c>--seed N</c>, <c>--index I</c>, <c>--verbose</c>.</summary>
internal sealed record FuzzOptions(string[] Targets, int Count, TimeSpan? Duration, int Seed, int? Index, bool Verbose, string? Error)
{
    public static FuzzOptions Parse(string[] args)
    {
        var o = new FuzzOptions(FuzzTargets.Names, 10_000, null, 20_260_105, null, false, null);
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : "";
            o = args[i] switch
            {
                "--target" => Next() switch { "all" => o with { Targets = FuzzTargets.Names }, var t => o with { Targets = t.Split(',') } },
                "--count" when int.TryParse(Next(), out var n) => o with { Count = n },
                "--seconds" when double.TryParse(Next(), System.Globalization.CultureInfo.InvariantCulture, out var s) => o with { Duration = TimeSpan.FromSeconds(s), Count = o.Count == 10_000 ? int.MaxValue : o.Count },
                "--seed" when int.TryParse(Next(), out var seed) => o with { Seed = seed },
                "--index" when int.TryParse(Next(), out var index) => o with { Index = index },
                "--verbose" => o with { Verbose = true },
                var other => o with { Error = $"fuzz: unknown or incomplete option '{other}'" },
            };
            if (o.Error is not null) return o;
        }
        var unknown = o.Targets.FirstOrDefault(t => !FuzzTargets.Names.Contains(t));
        if (unknown is not null) return o with { Error = $"fuzz: unknown target '{unknown}' (targets: all, {string.Join(", ", FuzzTargets.Names)})" };
        if (o.Index is not null && o.Targets.Length != 1) return o with { Error = "fuzz: --index replays one input of one --target" };
        return o;
    }
}
