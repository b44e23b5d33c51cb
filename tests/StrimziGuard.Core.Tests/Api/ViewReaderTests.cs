using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using StrimziGuard.Core.Admission;
using StrimziGuard.Core.Api;
using StrimziGuard.Testing;

namespace StrimziGuard.Core.Tests.Api;

/// <summary>
/// The hand-written readers of a metadata and a NetworkPolicy spec must read exactly what the deserializer reads, or give up and leave
/// the object to it: a reader that read something else would change a decision, one that accepted what the deserializer refuses would
/// hide an error from the user.
/// </summary>
public sealed class ViewReaderTests
{
    [Theory]
    [InlineData("pod-my-cluster-broker-0.steady")]
    [InlineData("pod-my-cluster-broker-1.before-trust-roll")]
    [InlineData("strimzipodset-my-cluster-broker.steady")]
    [InlineData("networkpolicy-my-cluster-network-policy-kafka.operator-namespace-labels")]
    public void The_metadata_of_every_example_object_reads_as_the_deserializer_reads_it(string fixture)
    {
        var metadata = Fixtures.Load(fixture)["metadata"]!.ToJsonString();

        Assert.True(ObjectMetaReader.TryRead(Encoding.UTF8.GetBytes(metadata), out var meta));
        Assert.Equal(Deserialized<V1ObjectMeta>(metadata), Printed(meta));
    }

    [Theory]
    [InlineData("networkpolicy-my-cluster-network-policy-kafka.operator-namespace-labels")]
    [InlineData("networkpolicy-my-cluster-network-policy-kafka.operator-other-namespace")]
    [InlineData("networkpolicy-my-cluster-network-policy-kafka.operator-same-namespace")]
    public void The_spec_of_every_example_NetworkPolicy_reads_as_the_deserializer_reads_it(string fixture)
    {
        var spec = Fixtures.Load(fixture)["spec"]!.ToJsonString();

        Assert.True(NetworkPolicySpecReader.TryRead(Encoding.UTF8.GetBytes(spec), out var read));
        Assert.Equal(Deserialized<V1NetworkPolicySpec>(spec), Printed(read));
    }

    [Theory]
    [InlineData("""{"Name": "a"}""", "a field in other letter case (the deserializer matches names ignoring case)")]
    [InlineData("""{"name": 7}""", "a number where a string belongs")]
    [InlineData("""{"labels": ["a"]}""", "a list where a map belongs")]
    [InlineData("""{"labels": {"a": 1}}""", "a number as a label value")]
    [InlineData("""{"generation": 1.5}""", "a fraction as the generation")]
    [InlineData("""{"generation": "1"}""", "a quoted number as the generation")]
    [InlineData("""{"ownerReferences": [null]}""", "a null owner reference")]
    [InlineData("""{"ownerReferences": [{"controller": "true"}]}""", "a string where true or false belongs")]
    [InlineData("""{"\u006eame": "a"}""", "an escaped field name")]
    [InlineData("""["a"]""", "a list instead of an object")]
    public void A_metadata_the_reader_does_not_take_as_written_is_left_to_the_deserializer(string json, string what) =>
        Assert.False(ObjectMetaReader.TryRead(Encoding.UTF8.GetBytes(json), out _), what);

    [Theory]
    [InlineData("""{"ingress": [null]}""", "a null rule (the deserializer reads it as an empty rule, which opens every port)")]
    [InlineData("""{"ingress": [{"from": [null]}]}""", "a null peer")]
    [InlineData("""{"ingress": [{"ports": [{"port": 3000000000}]}]}""", "a port beyond an integer")]
    [InlineData("""{"ingress": [{"ports": [{"port": true}]}]}""", "true as a port")]
    [InlineData("""{"egress": [{}]}""", "egress rules (a tree the policy copies)")]
    [InlineData("""{"PodSelector": {}}""", "a field in other letter case")]
    [InlineData("""{"policyTypes": ["Ingress", null]}""", "a null policy type")]
    public void A_spec_the_reader_does_not_take_as_written_is_left_to_the_deserializer(string json, string what) =>
        Assert.False(NetworkPolicySpecReader.TryRead(Encoding.UTF8.GetBytes(json), out _), what);

    [Fact]
    public void Escaped_and_non_ASCII_text_reads_as_the_deserializer_reads_it()
    {
        const string json = """{"name": "caf\u00e9", "labels": {"k\u0041": "v\"q", "é": "ü", "nul": null}, "annotations": {}}""";

        Assert.True(ObjectMetaReader.TryRead(Encoding.UTF8.GetBytes(json), out var meta));
        Assert.Equal(Deserialized<V1ObjectMeta>(json), Printed(meta));
        Assert.Equal("café", meta.Name);
    }

    [Fact]
    public void A_null_rule_in_a_review_still_reads_as_an_empty_rule_through_the_deserializer()
    {
        var request = AdmissionReviewCodec.Read(Review("""{"metadata": {"name": "np"}, "spec": {"podSelector": {}, "ingress": [null]}}""")).Review!.Request!;

        var spec = request.ObjectMemberAs<V1NetworkPolicySpec>("spec")!;

        Assert.NotNull(Assert.Single(spec.Ingress!));
    }

    [Fact]
    public void Repeated_label_text_is_one_string()
    {
        var json = Encoding.UTF8.GetBytes("""{"labels": {"strimzi.io/cluster": "my-cluster"}}""");

        Assert.True(ObjectMetaReader.TryRead(json, out var first));
        Assert.True(ObjectMetaReader.TryRead(json, out var second));
        Assert.Same(first.Labels!.Keys.Single(), second.Labels!.Keys.Single());
        Assert.Same(first.Label("strimzi.io/cluster"), second.Label("strimzi.io/cluster"));
    }

    [Fact]
    public void On_random_metadata_the_reader_agrees_with_the_deserializer_or_leaves_it_the_object()
    {
        var rng = new Random(23);
        var taken = 0;
        for (var i = 0; i < 3000; i++)
        {
            var json = RandomMetadata(rng).ToJsonString();
            var expected = Outcome<V1ObjectMeta>(json);
            if (!ObjectMetaReader.TryRead(Encoding.UTF8.GetBytes(json), out var meta)) continue;
            taken++;
            Assert.True(expected == Printed(meta), json);
        }
        Assert.InRange(taken, 500, 2900);
    }

    [Fact]
    public void On_random_NetworkPolicy_specs_the_reader_agrees_with_the_deserializer_or_leaves_it_the_spec()
    {
        var rng = new Random(29);
        var taken = 0;
        for (var i = 0; i < 3000; i++)
        {
            var json = RandomSpec(rng).ToJsonString();
            var expected = Outcome<V1NetworkPolicySpec>(json);
            if (!NetworkPolicySpecReader.TryRead(Encoding.UTF8.GetBytes(json), out var spec)) continue;
            taken++;
            Assert.True(expected == Printed(spec), json);
        }
        // A spec with one odd value anywhere is left whole to the deserializer; the generator puts one in about three specs of four.
        Assert.InRange(taken, 500, 2900);
    }

    [Fact]
    public void On_random_specs_the_read_for_one_port_leaves_out_only_the_peers_of_rules_that_cannot_admit_it()
    {
        var rng = new Random(31);
        var (taken, left) = (0, 0);
        for (var i = 0; i < 10000; i++)
        {
            var spec = RandomSpec(rng, portsFirst: rng.Next(4) > 0);
            var json = spec.ToJsonString();
            if (!NetworkPolicySpecReader.TryReadForPort(Encoding.UTF8.GetBytes(json), 8443, out var read)) continue;
            taken++;
            // What the deserializer reads once the peers of each rule whose numbered ports, written before them, all miss 8443 are gone.
            foreach (var rule in (spec["ingress"] as JsonArray ?? []).OfType<JsonObject>())
            {
                if (rule.Select(f => f.Key).ToList() is not ["ports", "from", ..] || rule["ports"] is not JsonArray { Count: > 0 } ports) continue;
                if (ports.All(p => p?["port"] is JsonValue v && v.TryGetValue<int>(out var n) && !Covers(n, p["endPort"], 8443)))
                {
                    rule.Remove("from");
                    left++;
                }
            }
            Assert.True(Outcome<V1NetworkPolicySpec>(spec.ToJsonString()) == Printed(read), json);
        }
        Assert.InRange(taken, 2000, 9000);
        Assert.True(left > 100, $"only {left} rules' peers were left out: too few to say much");
    }

    [Fact]
    public void On_random_metadata_the_read_of_some_labels_and_annotations_keeps_them_as_the_deserializer_reads_them()
    {
        var rng = new Random(37);
        string[] keys = ["strimzi.io/cluster1", "my-cluster2", "kafka1"]; // as RandomMetadata names map keys: text and a count
        var (taken, kept) = (0, 0);
        for (var i = 0; i < 10000; i++)
        {
            var meta = (JsonObject)RandomMetadata(rng);
            var json = meta.ToJsonString();
            if (!ObjectMetaReader.TryReadSome(Encoding.UTF8.GetBytes(json), keys, keys, out var read)) continue;
            taken++;
            // What the deserializer reads of the name, the namespace and the named entries of each map.
            foreach (var field in meta.Select(f => f.Key).Where(k => k is not ("name" or "namespace" or "labels" or "annotations")).ToList()) meta.Remove(field);
            foreach (var map in new[] { meta["labels"], meta["annotations"] }.OfType<JsonObject>())
                foreach (var key in map.Select(e => e.Key).Where(k => !keys.Contains(k)).ToList()) map.Remove(key);
            kept += (read.Labels?.Count ?? 0) + (read.Annotations?.Count ?? 0);
            Assert.True(Outcome<V1ObjectMeta>(meta.ToJsonString()) == Printed(read), json);
        }
        Assert.InRange(taken, 2000, 9000);
        Assert.True(kept > 150, $"only {kept} entries were kept: too few to say much");
    }

    /// <summary>Whether a numbered port entry's range covers <paramref name="port"/>, as PortMatch reads it (an odd endPort as none).</summary>
    private static bool Covers(int first, JsonNode? endPort, int port) =>
        port >= first && port <= Math.Max(first, endPort is JsonValue e && e.TryGetValue<int>(out var end) ? end : first);

    private static string Deserialized<T>(string json) => Printed(JsonSerializer.Deserialize<T>(json, KubeJson.ReadOnlyView));

    /// <summary>What the deserializer makes of <paramref name="json"/> printed, or "refused" when it throws.</summary>
    private static string Outcome<T>(string json)
    {
        try
        {
            return Deserialized<T>(json);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            return "refused";
        }
    }

    private static string Printed<T>(T value) => JsonSerializer.Serialize(value, KubeJson.Options);

    private static JsonNode RandomMetadata(Random rng)
    {
        var meta = new JsonObject();
        if (rng.Next(4) > 0) meta["name"] = Text(rng);
        if (rng.Next(3) == 0) meta["namespace"] = Text(rng);
        if (rng.Next(3) == 0) meta["generation"] = rng.Next(6) switch { 0 => "2", 1 => 1.5, 2 => null, _ => JsonValue.Create(rng.NextInt64()) };
        if (rng.Next(2) == 0) meta["labels"] = Map(rng);
        if (rng.Next(2) == 0) meta["annotations"] = Map(rng);
        if (rng.Next(3) == 0) meta["ownerReferences"] = List(rng, () => Owner(rng));
        if (rng.Next(5) == 0) meta[rng.Next(2) == 0 ? "Labels" : "managedFields"] = new JsonArray(new JsonObject { ["manager"] = "kubectl" });
        if (rng.Next(8) == 0) meta["uid"] = rng.Next(2) == 0 ? 7 : "u";
        return meta;
    }

    private static JsonNode? Owner(Random rng)
    {
        if (rng.Next(10) == 0) return null;
        var owner = new JsonObject { ["kind"] = "StrimziPodSet", ["name"] = Text(rng), ["controller"] = rng.Next(5) switch { 0 => "true", 1 => null, _ => rng.Next(2) == 0 } };
        if (rng.Next(5) == 0) owner["extra"] = new JsonObject { ["x"] = 1 };
        return owner;
    }

    private static JsonNode RandomSpec(Random rng, bool portsFirst = false)
    {
        var spec = new JsonObject { ["podSelector"] = Selector(rng) };
        if (rng.Next(3) == 0) spec["policyTypes"] = rng.Next(6) == 0 ? new JsonArray("Ingress", null) : new JsonArray("Ingress");
        if (rng.Next(6) > 0) spec["ingress"] = List(rng, () => Rule(rng, portsFirst));
        if (rng.Next(8) == 0) spec["egress"] = rng.Next(2) == 0 ? null : new JsonArray(new JsonObject());
        if (rng.Next(10) == 0) spec["Ingress"] = new JsonArray();
        return spec;
    }

    private static JsonNode? Rule(Random rng, bool portsFirst)
    {
        if (rng.Next(12) == 0) return null;
        var rule = new JsonObject();
        if (portsFirst && rng.Next(3) > 0) rule["ports"] = List(rng, () => Port(rng));
        if (rng.Next(3) > 0) rule["from"] = List(rng, () => Peer(rng));
        if (!portsFirst && rng.Next(3) > 0) rule["ports"] = List(rng, () => Port(rng));
        return rule;
    }

    private static JsonNode? Peer(Random rng) => rng.Next(12) switch
    {
        0 => null,
        1 => new JsonObject { ["ipBlock"] = new JsonObject { ["cidr"] = "10.0.0.0/8", ["except"] = new JsonArray("10.1.0.0/16") } },
        2 => new JsonObject { ["namespaceSelector"] = Selector(rng), ["podSelector"] = Selector(rng) },
        3 => new JsonObject { ["podSelector"] = "app=x" },
        _ => new JsonObject { ["podSelector"] = Selector(rng) },
    };

    private static JsonNode? Port(Random rng) => rng.Next(10) switch
    {
        0 => null,
        1 => new JsonObject { ["port"] = "tcp-kafkaagent" },
        2 => new JsonObject { ["port"] = 8000, ["endPort"] = rng.Next(2) == 0 ? 9000 : "9000", ["protocol"] = "TCP" },
        3 => new JsonObject { ["port"] = rng.Next(2) == 0 ? 3000000000L : 1.5 },
        4 => new JsonObject { ["protocol"] = "UDP" },
        _ => new JsonObject { ["port"] = rng.Next(1, 65536) },
    };

    private static JsonNode? Selector(Random rng)
    {
        if (rng.Next(10) == 0) return null;
        var selector = new JsonObject();
        if (rng.Next(3) > 0) selector["matchLabels"] = Map(rng);
        if (rng.Next(4) == 0)
        {
            selector["matchExpressions"] = List(rng, () => rng.Next(8) == 0 ? null : new JsonObject
            {
                ["key"] = rng.Next(8) == 0 ? null : Text(rng),
                ["operator"] = "In",
                ["values"] = rng.Next(8) == 0 ? new JsonArray(null, "x") : new JsonArray(Text(rng), Text(rng)),
            });
        }
        return selector;
    }

    private static JsonNode? Map(Random rng)
    {
        if (rng.Next(12) == 0) return null;
        var map = new JsonObject();
        for (var n = rng.Next(0, 16); n > 0; n--)
        {
            var key = $"{Text(rng)}{n.ToString(CultureInfo.InvariantCulture)}";
            map[key] = rng.Next(20) switch { 0 => null, 1 => 5, 2 => new JsonObject(), _ => Text(rng) };
        }
        return map;
    }

    private static JsonArray List(Random rng, Func<JsonNode?> element)
    {
        var list = new JsonArray();
        for (var n = rng.Next(0, 5); n > 0; n--) list.Add(element());
        return list;
    }

    /// <summary>Mostly the label text Strimzi writes, sometimes text that must be escaped or transcoded.</summary>
    private static string Text(Random rng) => rng.Next(12) switch
    {
        0 => "quote\"and\\slash",
        1 => "ünïcödé",
        2 => new string('x', InternedStrings.MaxBytes + rng.Next(-1, 3)),
        3 => "tab\there",
        _ => rng.Next(6) switch { 0 => "strimzi.io/cluster", 1 => "my-cluster", 2 => "strimzi.io/kind", 3 => "Kafka", 4 => "app.kubernetes.io/name", _ => "kafka" },
    };

    private static byte[] Review(string obj) => Encoding.UTF8.GetBytes(
        "{\"apiVersion\": \"admission.k8s.io/v1\", \"request\": {\"uid\": \"u1\", \"operation\": \"CREATE\", \"resource\": {\"group\": \"networking.k8s.io\", "
        + "\"version\": \"v1\", \"resource\": \"networkpolicies\"}, \"userInfo\": {\"username\": \"bob\"}, \"object\": " + obj + "}}");
}
