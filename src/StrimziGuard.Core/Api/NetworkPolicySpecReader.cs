using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace StrimziGuard.Core.Api;

/// <summary>
/// Reads <see cref="V1NetworkPolicySpec"/> by hand, as <see cref="KubeJson.ReadOnlyView"/> would: agent-port.network-policy reads one on
/// every NetworkPolicy review, and under load the deserializer's read of it was two thirds of the policy's cost. Gives up (false) on
/// anything <see cref="ViewReader"/> does not take, and on egress rules (a tree the policy only copies); the caller then asks the
/// deserializer.
/// </summary>
internal static class NetworkPolicySpecReader
{
    private static readonly string[] SpecFields = ["podSelector", "policyTypes", "ingress", "egress"];
    private static readonly string[] SelectorFields = ["matchLabels", "matchExpressions"];
    private static readonly string[] RequirementFields = ["key", "operator", "values"];
    private static readonly string[] RuleFields = ["from", "ports"];
    private static readonly string[] PeerFields = ["podSelector", "namespaceSelector", "ipBlock"];
    private static readonly string[] BlockFields = ["cidr", "except"];
    private static readonly string[] PortFields = ["protocol", "port", "endPort"];

    public static bool TryRead(ReadOnlySpan<byte> json, [NotNullWhen(true)] out V1NetworkPolicySpec? spec)
    {
        var reader = new Utf8JsonReader(json, ViewReader.Options);
        try
        {
            spec = reader.Read() && Spec(ref reader, out var read) ? read : null;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            spec = null;
        }
        return spec is not null;
    }

    private static bool Spec(ref Utf8JsonReader reader, out V1NetworkPolicySpec? spec)
    {
        spec = null;
        if (reader.TokenType != JsonTokenType.StartObject) return false;
        var s = new V1NetworkPolicySpec();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (!ViewReader.ToValue(ref reader, out var name)) return false;
            bool ok;
            if (name.SequenceEqual("podSelector"u8)) { ok = Selector(ref reader, out var selector); s.PodSelector = selector; }
            else if (name.SequenceEqual("ingress"u8)) { ok = ViewReader.List<V1NetworkPolicyIngressRule>(ref reader, Rule, out var rules); s.Ingress = rules; }
            else if (name.SequenceEqual("policyTypes"u8)) { ok = ViewReader.StringList(ref reader, out var types); s.PolicyTypes = types; }
            else if (name.SequenceEqual("egress"u8)) ok = reader.TokenType == JsonTokenType.Null;
            else ok = ViewReader.SkipUnknown(ref reader, name, SpecFields);
            if (!ok) return false;
        }
        spec = s;
        return reader.TokenType == JsonTokenType.EndObject;
    }

    private static bool Selector(ref Utf8JsonReader reader, out V1LabelSelector? selector)
    {
        selector = null;
        if (reader.TokenType == JsonTokenType.Null) return true;
        if (reader.TokenType != JsonTokenType.StartObject) return false;
        var s = new V1LabelSelector();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (!ViewReader.ToValue(ref reader, out var name)) return false;
            bool ok;
            if (name.SequenceEqual("matchLabels"u8)) { ok = ViewReader.StringMap(ref reader, out var labels); s.MatchLabels = labels; }
            else if (name.SequenceEqual("matchExpressions"u8)) { ok = ViewReader.List<V1LabelSelectorRequirement>(ref reader, Requirement, out var expressions); s.MatchExpressions = expressions; }
            else ok = ViewReader.SkipUnknown(ref reader, name, SelectorFields);
            if (!ok) return false;
        }
        selector = s;
        return reader.TokenType == JsonTokenType.EndObject;
    }

    private static bool Requirement(ref Utf8JsonReader reader, out V1LabelSelectorRequirement? requirement)
    {
        requirement = null;
        if (reader.TokenType != JsonTokenType.StartObject) return false;
        var r = new V1LabelSelectorRequirement();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (!ViewReader.ToValue(ref reader, out var name)) return false;
            bool ok;
            string? text;
            // A null key or operator is set to null, as the deserializer sets it (it does not enforce the model's non-null strings).
            if (name.SequenceEqual("key"u8)) { ok = ViewReader.String(ref reader, out text); r.Key = text!; }
            else if (name.SequenceEqual("operator"u8)) { ok = ViewReader.String(ref reader, out text); r.Operator = text!; }
            else if (name.SequenceEqual("values"u8)) { ok = ViewReader.StringList(ref reader, out var values); r.Values = values; }
            else ok = ViewReader.SkipUnknown(ref reader, name, RequirementFields);
            if (!ok) return false;
        }
        requirement = r;
        return reader.TokenType == JsonTokenType.EndObject;
    }

    private static bool Rule(ref Utf8JsonReader reader, out V1NetworkPolicyIngressRule? rule)
    {
        rule = null;
        if (reader.TokenType != JsonTokenType.StartObject) return false;
        var r = new V1NetworkPolicyIngressRule();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (!ViewReader.ToValue(ref reader, out var name)) return false;
            bool ok;
            if (name.SequenceEqual("from"u8)) { ok = ViewReader.List<V1NetworkPolicyPeer>(ref reader, Peer, out var peers); r.From = peers; }
            else if (name.SequenceEqual("ports"u8)) { ok = ViewReader.List<V1NetworkPolicyPort>(ref reader, Port, out var ports); r.Ports = ports; }
            else ok = ViewReader.SkipUnknown(ref reader, name, RuleFields);
            if (!ok) return false;
        }
        rule = r;
        return reader.TokenType == JsonTokenType.EndObject;
    }

    private static bool Peer(ref Utf8JsonReader reader, out V1NetworkPolicyPeer? peer)
    {
        peer = null;
        if (reader.TokenType != JsonTokenType.StartObject) return false;
        var p = new V1NetworkPolicyPeer();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (!ViewReader.ToValue(ref reader, out var name)) return false;
            bool ok;
            V1LabelSelector? selector;
            if (name.SequenceEqual("podSelector"u8)) { ok = Selector(ref reader, out selector); p.PodSelector = selector; }
            else if (name.SequenceEqual("namespaceSelector"u8)) { ok = Selector(ref reader, out selector); p.NamespaceSelector = selector; }
            else if (name.SequenceEqual("ipBlock"u8)) { ok = Block(ref reader, out var block); p.IpBlock = block; }
            else ok = ViewReader.SkipUnknown(ref reader, name, PeerFields);
            if (!ok) return false;
        }
        peer = p;
        return reader.TokenType == JsonTokenType.EndObject;
    }

    private static bool Block(ref Utf8JsonReader reader, out V1IPBlock? block)
    {
        block = null;
        if (reader.TokenType == JsonTokenType.Null) return true;
        if (reader.TokenType != JsonTokenType.StartObject) return false;
        var b = new V1IPBlock();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (!ViewReader.ToValue(ref reader, out var name)) return false;
            bool ok;
            if (name.SequenceEqual("cidr"u8)) { ok = ViewReader.String(ref reader, out var cidr); b.Cidr = cidr; }
            else if (name.SequenceEqual("except"u8)) { ok = ViewReader.StringList(ref reader, out var except); b.Except = except; }
            else ok = ViewReader.SkipUnknown(ref reader, name, BlockFields);
            if (!ok) return false;
        }
        block = b;
        return reader.TokenType == JsonTokenType.EndObject;
    }

    private static bool Port(ref Utf8JsonReader reader, out V1NetworkPolicyPort? port)
    {
        port = null;
        if (reader.TokenType != JsonTokenType.StartObject) return false;
        var p = new V1NetworkPolicyPort();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (!ViewReader.ToValue(ref reader, out var name)) return false;
            bool ok;
            if (name.SequenceEqual("port"u8)) { ok = PortNumberOrName(ref reader, out var number); p.Port = number; }
            else if (name.SequenceEqual("protocol"u8)) { ok = ViewReader.String(ref reader, out var protocol); p.Protocol = protocol; }
            else if (name.SequenceEqual("endPort"u8)) { ok = ViewReader.Int32(ref reader, out var end); p.EndPort = end; }
            else ok = ViewReader.SkipUnknown(ref reader, name, PortFields);
            if (!ok) return false;
        }
        port = p;
        return reader.TokenType == JsonTokenType.EndObject;
    }

    private static bool PortNumberOrName(ref Utf8JsonReader reader, out IntOrString? port)
    {
        port = null;
        if (reader.TokenType == JsonTokenType.Number) return reader.TryGetInt32(out var n) && (port = IntOrString.FromNumber(n)) is not null;
        if (reader.TokenType != JsonTokenType.String) return reader.TokenType == JsonTokenType.Null;
        return ViewReader.String(ref reader, out var text) && (port = IntOrString.FromText(text!)) is not null;
    }
}
