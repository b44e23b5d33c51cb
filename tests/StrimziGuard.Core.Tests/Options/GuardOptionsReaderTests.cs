using System.Text.Json.Nodes;
using StrimziGuard.Core.Admission;
using StrimziGuard.Core.Options;

namespace StrimziGuard.Core.Tests.Options;

public sealed class GuardOptionsReaderTests
{
    private static (GuardOptions? Options, IReadOnlyList<string> Errors) Read(string json) => GuardOptionsReader.Read(JsonNode.Parse(json));

    [Fact]
    public void Empty_configuration_means_the_defaults()
    {
        var (options, errors) = GuardOptionsReader.Read(null);
        Assert.Empty(errors);
        Assert.Equal(TimeSpan.FromDays(7), options!.CertLifetime.MaxLifetime);
        Assert.Equal(GuardMode.Enforce, options.ModeOf(Guards.CertLifetime));
        Assert.Equal("system:serviceaccount:strimzi:strimzi-cluster-operator", options.Operator.Username);
    }

    [Fact]
    public void Settings_are_read_with_durations_in_Go_syntax_or_days()
    {
        var (options, errors) = Read("""
            {"operator": {"namespace": "kafka-system", "serviceAccount": "co"},
             "certLifetime": {"mode": "Warn", "maxLifetime": "3d", "fillDefaults": true},
             "excludedNamespaces": ["kube-system"]}
            """);
        Assert.Empty(errors);
        Assert.Equal(GuardMode.Warn, options!.CertLifetime.Mode);
        Assert.Equal(TimeSpan.FromDays(3), options.CertLifetime.MaxLifetime);
        Assert.Equal("system:serviceaccount:kafka-system:co", options.Operator.Username);
    }

    [Theory]
    [InlineData("""{"certLifetime": {"mdoe": "Warn"}}""", "certLifetime.mdoe")]
    [InlineData("""{"certLifetime": {"mode": "Sometimes"}}""", "certLifetime.mode")]
    [InlineData("""{"certLifetime": {"maxLifetime": "a week"}}""", "certLifetime.maxLifetime")]
    [InlineData("""{"certLifetime": {"maxLifetime": "30m"}}""", "certLifetime.maxLifetime: must be at least 1h")]
    [InlineData("""{"operator": {"namespace": "Not_A_Namespace"}}""", "operator.namespace")]
    [InlineData("""{"operator": {"podLabels": {}}}""", "operator.podLabels: needs at least one label")]
    [InlineData("""[1]""", "must be a mapping")]
    public void Bad_configuration_names_the_field_and_the_problem(string json, string expected)
    {
        var (options, errors) = Read(json);
        Assert.Null(options);
        Assert.Contains(errors, e => e.Contains(expected, StringComparison.Ordinal));
    }
}
