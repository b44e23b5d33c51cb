namespace StrimziGuard.Fuzz;

/// <summary>
/// One thing that parses outside input. <see cref="Generate"/> makes an input from a seeded RNG (so input i of seed s is the same on
/// every machine); <see cref="Execute"/> runs it and names the outcome. An exception escaping <see cref="Execute"/> is a failure unless
/// its type is in <see cref="DocumentedExceptions"/> (the typed errors a caller is told to expect, e.g. ManifestException).
/// </summary>
public abstract class FuzzTarget
{
    public abstract string Name { get; }

    public virtual IReadOnlyList<Type> DocumentedExceptions => [];

    public abstract object Generate(Random rng);

    /// <summary>Runs one input; returns a short outcome label (inputs are counted per distinct label).</summary>
    public abstract string Execute(object input);

    /// <summary>The input as text for a failure report.</summary>
    public virtual string Describe(object input) => input switch
    {
        byte[] b => Convert.ToBase64String(b.AsSpan(0, Math.Min(b.Length, 1024))) + (b.Length > 1024 ? $"... ({b.Length} bytes, base64)" : " (base64)"),
        string s => s.Length > 1024 ? s[..1024] + $"... ({s.Length} chars)" : s,
        _ => input.ToString() ?? "",
    };
}
