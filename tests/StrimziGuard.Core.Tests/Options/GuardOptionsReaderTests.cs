using System.Text.Json.Nodes;
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
        Assert.Equal(GuardMode.Enforce, options.ModeOf(GuardIds.CertLifetime));
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

    [Fact]
    public void Watched_namespaces_default_to_every_namespace_and_a_list_narrows_them()
    {
        Assert.True(GuardOptions.Default.WatchesAllNamespaces);
        Assert.True(GuardOptions.Default.Watches("apps"));
        Assert.False(GuardOptions.Default.Watches("kube-system"));

        var (options, errors) = Read("""{"watchNamespaces": ["kafka", "kafka-dev"]}""");
        Assert.Empty(errors);
        Assert.True(options!.Watches("kafka-dev"));
        Assert.False(options.Watches("apps"));
        Assert.True(options.NamesWatchedNamespace("kafka"));
        Assert.False(GuardOptions.Default.NamesWatchedNamespace("kafka"));
        Assert.True(Read("""{"watchNamespaces": ["*"]}""").Options!.WatchesAllNamespaces);
    }

    [Fact]
    public void The_installs_configuration_may_carry_its_kustomize_header_and_nothing_else_of_that_kind()
    {
        var (options, errors) = Read("""
            {"apiVersion": "strimzi-guard.io/v1alpha1", "kind": "GuardConfiguration",
             "metadata": {"name": "strimzi-guard-config", "annotations": {"config.kubernetes.io/local-config": "true"}},
             "watchNamespaces": ["kafka"]}
            """);
        Assert.Empty(errors);
        Assert.Equal(["kafka"], options!.WatchNamespaces);
        Assert.Equal(["apiVersion/kind: expected strimzi-guard.io/v1alpha1 GuardConfiguration (or neither), found v1 ConfigMap"],
            Read("""{"apiVersion": "v1", "kind": "ConfigMap"}""").Errors);
    }

    [Theory]
    [InlineData("""{"watchNamespaces": ["Kafka"]}""", "watchNamespaces[0]: 'Kafka' is not a namespace name")]
    [InlineData("""{"watchNamespaces": ["*", "kafka"]}""", "watchNamespaces: \"*\" means every namespace")]
    [InlineData("""{"watchNamespaces": ["kube-system"]}""", "watchNamespaces[0]: 'kube-system' is also in excludedNamespaces")]
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
