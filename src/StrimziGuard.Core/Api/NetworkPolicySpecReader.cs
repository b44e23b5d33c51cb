using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace StrimziGuard.Core.Api;

/// <summary>
/// Reads <see cref="V1NetworkPolicySpec"/> by hand from checked JSON (<see cref="CheckedJsonReader"/>), as
/// <see cref="KubeJson.ReadOnlyView"/> would: agent-port.network-policy reads one on every NetworkPolicy review, and under load the
/// deserializer's read of it was two thirds of the policy's cost. Gives up (false) on anything <see cref="ViewReader"/> does not take,
/// and on egress rules (a tree the policy only copies); the caller then asks the deserializer.
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

    public static bool TryRead(ReadOnlySpan<byte> json, [NotNullWhen(true)] out V1NetworkPolicySpec? spec) => ViewReader.TryRead(json, SpecFields, static () => new V1NetworkPolicySpec(), SpecField, out spec);

    /// <summary>
    /// The spec as a judge of one TCP port needs it: the <c>from</c> of a rule whose <c>ports</c>, written before it as the API server
    /// writes them, are all numbers whose range leaves out <paramref name="port"/> is skipped and left null. Such a rule admits nobody
    /// to the port whoever its peers are, and Strimzi's own policies hold most of their peers in such rules (9090, 9091). Only for a
    /// judge that reads no peer of a rule that cannot admit the port (agent-port.network-policy). A skipped <c>from</c> is checked for
    /// syntax only: its types are the API server's to check, and it has.
    /// </summary>
    public static bool TryReadForPort(ReadOnlySpan<byte> json, int port, [NotNullWhen(true)] out V1NetworkPolicySpec? spec) =>
        ViewReader.TryRead(json, SpecFields, static () => new V1NetworkPolicySpec(), SpecFieldForPort, port, out spec);

    private static bool? SpecFieldForPort(ref CheckedJsonReader reader, scoped ReadOnlySpan<byte> name, V1NetworkPolicySpec s, int port)
    {
        if (!name.SequenceEqual("ingress"u8)) return SpecField(ref reader, name, s);
        var ok = RulesForPort(ref reader, port, out var rules);
        s.Ingress = rules;
        return ok;
    }

    /// <summary>As <see cref="ViewReader.List{T}"/> reads the rules, each with the port it is judged for.</summary>
    private static bool RulesForPort(ref CheckedJsonReader reader, int port, out List<V1NetworkPolicyIngressRule>? rules)
    {
        rules = null;
        if (reader.TokenType == JsonTokenType.Null) return true;
        if (reader.TokenType != JsonTokenType.StartArray) return false;
        rules = [];
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            // A null rule is left to the deserializer, as TryRead leaves it.
            if (!ViewReader.Object(ref reader, RuleFields, static () => new V1NetworkPolicyIngressRule(), RuleFieldForPort, port, out var rule) || rule is null) return false;
            rules.Add(rule);
        }
        return reader.TokenType == JsonTokenType.EndArray;
    }

    private static bool? RuleFieldForPort(ref CheckedJsonReader reader, scoped ReadOnlySpan<byte> name, V1NetworkPolicyIngressRule r, int port) =>
        name.SequenceEqual("from"u8) && r.Ports is { Count: > 0 } ports && NoneAdmits(ports, port) ? reader.TrySkip() : RuleField(ref reader, name, r);

    /// <summary>Whether no entry can admit <paramref name="port"/>: each a number, its range (to <c>endPort</c>, as PortMatch reads it) without it.</summary>
    private static bool NoneAdmits(IList<V1NetworkPolicyPort> ports, int port)
    {
        foreach (var entry in ports)
            if (entry.Port is not { Number: int first } || (port >= first && port <= Math.Max(first, entry.EndPort ?? first))) return false;
        return true;
    }

    private static bool? SpecField(ref CheckedJsonReader reader, scoped ReadOnlySpan<byte> name, V1NetworkPolicySpec s)
    {
        bool ok;
        if (name.SequenceEqual("podSelector"u8)) { ok = Selector(ref reader, out var selector); s.PodSelector = selector; }
        else if (name.SequenceEqual("ingress"u8)) { ok = ViewReader.List<V1NetworkPolicyIngressRule>(ref reader, Rule, out var rules); s.Ingress = rules; }
        else if (name.SequenceEqual("policyTypes"u8)) { ok = ViewReader.StringList(ref reader, out var types); s.PolicyTypes = types; }
        else if (name.SequenceEqual("egress"u8)) ok = reader.TokenType == JsonTokenType.Null;
        else return null;
        return ok;
    }

    private static bool Selector(ref CheckedJsonReader reader, out V1LabelSelector? selector) =>
        ViewReader.Object(ref reader, SelectorFields, static () => new V1LabelSelector(), SelectorField, out selector);

    private static bool? SelectorField(ref CheckedJsonReader reader, scoped ReadOnlySpan<byte> name, V1LabelSelector s)
    {
        bool ok;
        if (name.SequenceEqual("matchLabels"u8)) { ok = ViewReader.StringMap(ref reader, out var labels); s.MatchLabels = labels; }
        else if (name.SequenceEqual("matchExpressions"u8)) { ok = ViewReader.List<V1LabelSelectorRequirement>(ref reader, Requirement, out var expressions); s.MatchExpressions = expressions; }
        else return null;
        return ok;
    }

    private static bool Requirement(ref CheckedJsonReader reader, out V1LabelSelectorRequirement? requirement) =>
        ViewReader.Object(ref reader, RequirementFields, static () => new V1LabelSelectorRequirement(), RequirementField, out requirement);

    private static bool? RequirementField(ref CheckedJsonReader reader, scoped ReadOnlySpan<byte> name, V1LabelSelectorRequirement r)
    {
        bool ok;
        string? text;
        // A null key or operator is set to null, as the deserializer sets it (it does not enforce the model's non-null strings).
        if (name.SequenceEqual("key"u8)) { ok = ViewReader.String(ref reader, out text); r.Key = text!; }
        else if (name.SequenceEqual("operator"u8)) { ok = ViewReader.String(ref reader, out text); r.Operator = text!; }
        else if (name.SequenceEqual("values"u8)) { ok = ViewReader.StringList(ref reader, out var values); r.Values = values; }
        else return null;
        return ok;
    }

    private static bool Rule(ref CheckedJsonReader reader, out V1NetworkPolicyIngressRule? rule) =>
        ViewReader.Object(ref reader, RuleFields, static () => new V1NetworkPolicyIngressRule(), RuleField, out rule);

    private static bool? RuleField(ref CheckedJsonReader reader, scoped ReadOnlySpan<byte> name, V1NetworkPolicyIngressRule r)
    {
        bool ok;
        if (name.SequenceEqual("from"u8)) { ok = ViewReader.List<V1NetworkPolicyPeer>(ref reader, Peer, out var peers); r.From = peers; }
        else if (name.SequenceEqual("ports"u8)) { ok = ViewReader.List<V1NetworkPolicyPort>(ref reader, Port, out var ports); r.Ports = ports; }
        else return null;
        return ok;
    }

    private static bool Peer(ref CheckedJsonReader reader, out V1NetworkPolicyPeer? peer) =>
        ViewReader.Object(ref reader, PeerFields, static () => new V1NetworkPolicyPeer(), PeerField, out peer);

    private static bool? PeerField(ref CheckedJsonReader reader, scoped ReadOnlySpan<byte> name, V1NetworkPolicyPeer p)
    {
        bool ok;
        V1LabelSelector? selector;
        if (name.SequenceEqual("podSelector"u8)) { ok = Selector(ref reader, out selector); p.PodSelector = selector; }
        else if (name.SequenceEqual("namespaceSelector"u8)) { ok = Selector(ref reader, out selector); p.NamespaceSelector = selector; }
        else if (name.SequenceEqual("ipBlock"u8)) { ok = ViewReader.Object(ref reader, BlockFields, static () => new V1IPBlock(), BlockField, out var block); p.IpBlock = block; }
        else return null;
        return ok;
    }

    private static bool? BlockField(ref CheckedJsonReader reader, scoped ReadOnlySpan<byte> name, V1IPBlock b)
    {
        bool ok;
        if (name.SequenceEqual("cidr"u8)) { ok = ViewReader.String(ref reader, out var cidr); b.Cidr = cidr; }
        else if (name.SequenceEqual("except"u8)) { ok = ViewReader.StringList(ref reader, out var except); b.Except = except; }
        else return null;
        return ok;
    }

    private static bool Port(ref CheckedJsonReader reader, out V1NetworkPolicyPort? port) =>
        ViewReader.Object(ref reader, PortFields, static () => new V1NetworkPolicyPort(), PortField, out port);

    private static bool? PortField(ref CheckedJsonReader reader, scoped ReadOnlySpan<byte> name, V1NetworkPolicyPort p)
    {
        bool ok;
        if (name.SequenceEqual("port"u8)) { ok = PortNumberOrName(ref reader, out var number); p.Port = number; }
        else if (name.SequenceEqual("protocol"u8)) { ok = ViewReader.String(ref reader, out var protocol); p.Protocol = protocol; }
        else if (name.SequenceEqual("endPort"u8)) { ok = ViewReader.Int32(ref reader, out var end); p.EndPort = end; }
        else return null;
        return ok;
    }

    private static bool PortNumberOrName(ref CheckedJsonReader reader, out IntOrString? port)
    {
        port = null;
        if (reader.TokenType == JsonTokenType.Number) return reader.TryGetInt32(out var n) && (port = IntOrString.FromNumber(n)) is not null;
        if (reader.TokenType != JsonTokenType.String) return reader.TokenType == JsonTokenType.Null;
        return ViewReader.String(ref reader, out var text) && (port = IntOrString.FromText(text!)) is not null;
    }
}
