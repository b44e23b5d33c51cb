using System.Text.Json.Nodes;
using StrimziGuard.Core.Admission;
using StrimziGuard.Core.Api;
using StrimziGuard.Core.Options;
using StrimziGuard.Core.Snapshots;
using StrimziGuard.Testing;

namespace StrimziGuard.Core.Tests.Guards.CertLifetime;

public sealed class KafkaBridgeCertificatePolicyTests
{
    private static readonly AdmissionDispatcher Dispatcher = new(PolicyCatalog.Default);

    /// <summary>A KafkaBridge serving HTTPS (Strimzi 1.0+) with the certificate under <paramref name="key"/> of Secret my-bridge-tls.</summary>
    public static JsonObject Bridge(string key = "tls.crt", string secret = "my-bridge-tls") => new()
    {
        ["apiVersion"] = "kafka.strimzi.io/v1",
        ["kind"] = "KafkaBridge",
        ["metadata"] = new JsonObject { ["name"] = "my-bridge", ["namespace"] = "kafka" },
        ["spec"] = new JsonObject
        {
            ["replicas"] = 1,
            ["bootstrapServers"] = "my-cluster-kafka-bootstrap:9092",
            ["http"] = new JsonObject
            {
                ["port"] = 8443,
                ["tls"] = new JsonObject { ["certificateAndKey"] = new JsonObject { ["secretName"] = secret, ["certificate"] = key, ["key"] = "tls.key" } },
            },
        },
    };

    /// <summary>The bridge's Secret: an unlabelled user Secret, no Strimzi label, no selector match.</summary>
    public static V1Secret Secret(TimeSpan lifetime, string key = "tls.crt") => new()
    {
        ApiVersion = "v1",
        Kind = "Secret",
        Metadata = new V1ObjectMeta { Name = "my-bridge-tls", NamespaceProperty = "kafka" },
        Type = "kubernetes.io/tls",
        Data = new Dictionary<string, string> { [key] = TestCertificates.Base64(TestCertificates.PemOfLifetime(lifetime, "CN=my-bridge.example.com")) },
    };

    private static Decision Review(JsonObject bridge, params KubernetesObject[] state) =>
        Dispatcher.Review(Requests.Create(bridge), ClusterSnapshot.From(state), GuardOptions.Default);

    [Fact]
    public void A_bridge_naming_a_Secret_in_view_whose_certificate_is_too_long_lived_is_denied_with_the_Secret_in_the_message()
    {
        var decision = Review(Bridge(), Secret(TimeSpan.FromDays(30)));
        Assert.False(decision.Allowed);
        Assert.StartsWith(
            "[cert-lifetime] spec.http.tls.certificateAndKey.secretName: my-bridge-tls, and in that Secret data.tls.crt: the certificate (CN=my-bridge.example.com) lives 30 days, over the",
            decision.Message);
    }

    [Fact]
    public void A_bridge_naming_a_short_lived_certificate_under_its_own_key_is_allowed()
    {
        Assert.True(Review(Bridge(key: "bridge.crt"), Secret(TimeSpan.FromDays(7), key: "bridge.crt")).Allowed);
        Assert.False(Review(Bridge(key: "bridge.crt"), Secret(TimeSpan.FromDays(8), key: "bridge.crt")).Allowed);
    }

    [Fact]
    public void A_bridge_whose_Secret_is_not_in_view_or_that_serves_no_TLS_is_allowed()
    {
        Assert.True(Review(Bridge()).Allowed);
        var plain = Bridge();
        plain["spec"]!["http"]!.AsObject().Remove("tls");
        Assert.True(Review(plain, Secret(TimeSpan.FromDays(30))).Allowed);
    }

    [Fact]
    public void An_update_that_keeps_the_long_lived_Secret_is_allowed_with_a_warning()
    {
        var old = Bridge();
        var updated = Bridge();
        updated["spec"]!["replicas"] = 2;
        var decision = Dispatcher.Review(Requests.Update(old, updated), ClusterSnapshot.From([Secret(TimeSpan.FromDays(30))]), GuardOptions.Default);
        Assert.True(decision.Allowed);
        Assert.NotEmpty(decision.Warnings);
    }

    /// <summary>The Secret a bridge names is in scope like a listener's brokerCertChainAndKey Secret, under the key the bridge names.</summary>
    [Theory]
    [InlineData("tls.crt")]
    [InlineData("bridge.crt")]
    public void The_Secret_a_bridge_names_is_judged_like_a_listener_certificate(string key)
    {
        var bridge = KubeJson.Read<KafkaBridge>(Bridge(key));
        var secret = KubeJson.ToNode<object>(Secret(TimeSpan.FromDays(30), key)).AsObject();
        var decision = Dispatcher.Review(Requests.Create(secret), ClusterSnapshot.From([bridge]), GuardOptions.Default);
        Assert.False(decision.Allowed);
        Assert.Contains($"data.{key}", decision.Message);
        Assert.True(Dispatcher.Review(Requests.Create(secret), ClusterSnapshot.Empty, GuardOptions.Default).Allowed);
    }
}
