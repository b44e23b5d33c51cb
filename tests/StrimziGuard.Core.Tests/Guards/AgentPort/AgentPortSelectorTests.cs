using StrimziGuard.Core.Api;
using StrimziGuard.Core.Network;
using static StrimziGuard.Core.Tests.Guards.AgentPort.AgentPortFixtures;

namespace StrimziGuard.Core.Tests.Guards.AgentPort;

public sealed class AgentPortSelectorTests
{
    private static readonly Dictionary<string, string> Broker = Labels(("strimzi.io/cluster", "my-cluster"), ("strimzi.io/kind", "Kafka"), ("strimzi.io/pool-name", "broker"));

    [Theory]
    [InlineData("{}", true)]
    [InlineData("matchLabels: {strimzi.io/kind: Kafka}", true)]
    [InlineData("matchLabels: {strimzi.io/kind: Kafka, strimzi.io/cluster: my-cluster}", true)]
    [InlineData("matchLabels: {strimzi.io/kind: KafkaConnect}", false)]
    [InlineData("matchLabels: {missing: x}", false)]
    [InlineData("matchExpressions: [{key: strimzi.io/pool-name, operator: In, values: [broker, controller]}]", true)]
    [InlineData("matchExpressions: [{key: strimzi.io/pool-name, operator: In, values: [controller]}]", false)]
    [InlineData("matchExpressions: [{key: missing, operator: In, values: [x]}]", false)]
    [InlineData("matchExpressions: [{key: strimzi.io/pool-name, operator: NotIn, values: [controller]}]", true)]
    [InlineData("matchExpressions: [{key: strimzi.io/pool-name, operator: NotIn, values: [broker]}]", false)]
    [InlineData("matchExpressions: [{key: missing, operator: NotIn, values: [x]}]", true)]
    [InlineData("matchExpressions: [{key: strimzi.io/kind, operator: Exists}]", true)]
    [InlineData("matchExpressions: [{key: missing, operator: Exists}]", false)]
    [InlineData("matchExpressions: [{key: missing, operator: DoesNotExist}]", true)]
    [InlineData("matchExpressions: [{key: strimzi.io/kind, operator: DoesNotExist}]", false)]
    [InlineData("matchExpressions: [{key: strimzi.io/kind, operator: Gt, values: ['1']}]", false)]
    [InlineData("{matchLabels: {strimzi.io/kind: Kafka}, matchExpressions: [{key: strimzi.io/pool-name, operator: NotIn, values: [broker]}]}", false)]
    public void A_label_selector_matches_a_Kafka_broker_as_Kubernetes_does(string selector, bool matches) =>
        Assert.Equal(matches, Selector(selector).Matches(Broker));

    [Fact]
    public void An_absent_pod_selector_matches_every_pod_like_an_empty_one() =>
        Assert.True(((V1LabelSelector?)null).Matches(Broker));

    [Theory]
    [InlineData("matchLabels: {strimzi.io/kind: cluster-operator}", true)]
    [InlineData("matchLabels: {strimzi.io/kind: cluster-operator, name: strimzi-cluster-operator}", true)]
    [InlineData("matchExpressions: [{key: strimzi.io/kind, operator: In, values: [cluster-operator]}]", true)]
    [InlineData("matchExpressions: [{key: strimzi.io/kind, operator: In, values: [cluster-operator, Kafka]}]", false)]
    [InlineData("matchExpressions: [{key: strimzi.io/kind, operator: Exists}]", false)]
    [InlineData("matchLabels: {name: strimzi-cluster-operator}", false)]
    [InlineData("{}", false)]
    public void A_selector_requires_the_operator_label_only_when_every_match_carries_it(string selector, bool requires) =>
        Assert.Equal(requires, SelectorFacts.Requires(Selector(selector), "strimzi.io/kind", "cluster-operator"));

    [Theory]
    [InlineData("matchLabels: {kubernetes.io/metadata.name: strimzi}", "strimzi")]
    [InlineData("matchExpressions: [{key: kubernetes.io/metadata.name, operator: In, values: [strimzi]}]", "strimzi")]
    [InlineData("matchExpressions: [{key: kubernetes.io/metadata.name, operator: In, values: [strimzi, apps]}]", null)]
    [InlineData("matchLabels: {team: platform}", null)]
    [InlineData("{}", null)]
    public void A_namespace_selector_pins_a_namespace_only_through_its_name_label(string selector, string? pinned) =>
        Assert.Equal(pinned, SelectorFacts.PinnedName(Selector(selector)));

    [Theory]
    [InlineData("{}", "{}")]
    [InlineData("matchLabels: {b: '2', a: '1'}", "{a=1,b=2}")]
    [InlineData("matchExpressions: [{key: t, operator: In, values: [x, y]}, {key: u, operator: NotIn, values: [z]}, {key: v, operator: Exists}, {key: w, operator: DoesNotExist}]", "{t in (x,y),u notin (z),v,!w}")]
    public void A_selector_is_printed_in_kubectl_syntax(string selector, string text) =>
        Assert.Equal(text, SelectorFacts.Format(Selector(selector)));
}
