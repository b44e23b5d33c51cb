using StrimziGuard.Fuzz.Targets;

namespace StrimziGuard.Fuzz;

/// <summary>Every target, by name, as a list (house style: registration is a list).</summary>
public static class FuzzTargets
{
    public static readonly string[] Names = ["admission", "https", "secret", "duration", "yaml", "config"];

    public static FuzzTarget Create(string name) => name switch
    {
        "admission" => new AdmissionTarget(),
        "https" => new HttpsTarget(),
        "secret" => new SecretTarget(),
        "duration" => new DurationTarget(),
        "yaml" => new ClusterStateTarget(),
        "config" => new ConfigTarget(),
        _ => throw new ArgumentException($"unknown target '{name}' (targets: all, {string.Join(", ", Names)})"),
    };
}
