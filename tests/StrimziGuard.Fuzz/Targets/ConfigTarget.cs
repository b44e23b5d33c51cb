using StrimziGuard.Kubernetes.Manifests;

namespace StrimziGuard.Fuzz.Targets;

/// <summary>The configuration file (<c>--config</c>, re-read on change): <see cref="GuardOptionsFile.Parse"/>. Pass: only <see cref="ManifestException"/> escapes.</summary>
public sealed class ConfigTarget : FuzzTarget
{
    private readonly YamlMutator mutator = new(Seeds.ConfigYaml());

    public override string Name => "config";

    public override IReadOnlyList<Type> DocumentedExceptions => [typeof(ManifestException)];

    public override object Generate(Random rng) => mutator.Mutate(rng);

    public override string Execute(object input)
    {
        var options = GuardOptionsFile.Parse("fuzz.yaml", (string)input);
        return $"accepted {options.CertLifetime.Mode}/{options.CaGeneration.Mode}/{options.AgentPort.Mode}";
    }
}
