using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace StrimziGuard.Core.Api;

/// <summary>
/// Reads <see cref="V1ObjectMeta"/> by hand from checked JSON (<see cref="CheckedJsonReader"/>), as <see cref="KubeJson.ReadOnlyView"/>
/// would: the pod stamp and both NetworkPolicy policies read a metadata on every review, and under load the deserializer's read of it
/// (and its garbage) was most of their cost. Gives up (false) on anything <see cref="ViewReader"/> does not take; the caller then asks
/// the deserializer.
/// </summary>
internal static class ObjectMetaReader
{
    private static readonly string[] Fields =
        ["name", "generateName", "namespace", "uid", "resourceVersion", "generation", "labels", "annotations", "ownerReferences", "deletionTimestamp"];

    private static readonly string[] OwnerFields = ["apiVersion", "kind", "name", "uid", "controller", "blockOwnerDeletion"];

    public static bool TryRead(ReadOnlySpan<byte> json, [NotNullWhen(true)] out V1ObjectMeta? meta) => ViewReader.TryRead(json, Fields, static () => new V1ObjectMeta(), Field, out meta);

    /// <summary>
    /// A metadata holding its name, namespace and only the <paramref name="labels"/> and <paramref name="annotations"/> named (a map that
    /// is there but holds none of them is read empty, one that is not there null): for a policy that decides on those alone, as the pod
    /// stamp does on every pod a Kafka cluster creates. Every other label or annotation is checked to be text and not kept; the other
    /// fields are skipped, as the API server has checked their types.
    /// </summary>
    public static bool TryReadSome(ReadOnlySpan<byte> json, string[] labels, string[] annotations, [NotNullWhen(true)] out V1ObjectMeta? meta) =>
        ViewReader.TryRead(json, Fields, static () => new V1ObjectMeta(), SomeField, (labels, annotations), out meta);

    private static bool? SomeField(ref CheckedJsonReader reader, scoped ReadOnlySpan<byte> name, V1ObjectMeta m, (string[] Labels, string[] Annotations) keep)
    {
        bool ok;
        if (name.SequenceEqual("labels"u8)) { ok = ViewReader.StringMapOf(ref reader, keep.Labels, out var map); m.Labels = map; }
        else if (name.SequenceEqual("annotations"u8)) { ok = ViewReader.StringMapOf(ref reader, keep.Annotations, out var map); m.Annotations = map; }
        else if (name.SequenceEqual("name"u8) || name.SequenceEqual("namespace"u8)) return Field(ref reader, name, m);
        else if (IsField(name)) ok = reader.TrySkip();
        else return null;
        return ok;
    }

    private static bool IsField(ReadOnlySpan<byte> name)
    {
        foreach (var field in Fields)
            if (System.Text.Ascii.Equals(name, field)) return true;
        return false;
    }

    private static bool? Field(ref CheckedJsonReader reader, scoped ReadOnlySpan<byte> name, V1ObjectMeta m)
    {
        bool ok;
        string? text;
        if (name.SequenceEqual("name"u8)) { ok = ViewReader.String(ref reader, out text); m.Name = text; }
        else if (name.SequenceEqual("namespace"u8)) { ok = ViewReader.String(ref reader, out text); m.NamespaceProperty = text; }
        else if (name.SequenceEqual("labels"u8)) { ok = ViewReader.StringMap(ref reader, out var map); m.Labels = map; }
        else if (name.SequenceEqual("annotations"u8)) { ok = ViewReader.StringMap(ref reader, out var map); m.Annotations = map; }
        else if (name.SequenceEqual("ownerReferences"u8)) { ok = ViewReader.List<V1OwnerReference>(ref reader, Owner, out var owners); m.OwnerReferences = owners; }
        else if (name.SequenceEqual("uid"u8)) { ok = ViewReader.String(ref reader, out text); m.Uid = text; }
        else if (name.SequenceEqual("resourceVersion"u8)) { ok = ViewReader.String(ref reader, out text); m.ResourceVersion = text; }
        else if (name.SequenceEqual("generation"u8)) { ok = ViewReader.Int64(ref reader, out var generation); m.Generation = generation; }
        else if (name.SequenceEqual("generateName"u8)) { ok = ViewReader.String(ref reader, out text); m.GenerateName = text; }
        else if (name.SequenceEqual("deletionTimestamp"u8)) { ok = ViewReader.String(ref reader, out text); m.DeletionTimestamp = text; }
        else return null;
        return ok;
    }

    private static bool Owner(ref CheckedJsonReader reader, out V1OwnerReference? owner) => ViewReader.Object(ref reader, OwnerFields, static () => new V1OwnerReference(), OwnerField, out owner);

    private static bool? OwnerField(ref CheckedJsonReader reader, scoped ReadOnlySpan<byte> name, V1OwnerReference o)
    {
        bool ok;
        string? text;
        bool? flag;
        if (name.SequenceEqual("apiVersion"u8)) { ok = ViewReader.String(ref reader, out text); o.ApiVersion = text; }
        else if (name.SequenceEqual("kind"u8)) { ok = ViewReader.String(ref reader, out text); o.Kind = text; }
        else if (name.SequenceEqual("name"u8)) { ok = ViewReader.String(ref reader, out text); o.Name = text; }
        else if (name.SequenceEqual("uid"u8)) { ok = ViewReader.String(ref reader, out text); o.Uid = text; }
        else if (name.SequenceEqual("controller"u8)) { ok = ViewReader.Boolean(ref reader, out flag); o.Controller = flag; }
        else if (name.SequenceEqual("blockOwnerDeletion"u8)) { ok = ViewReader.Boolean(ref reader, out flag); o.BlockOwnerDeletion = flag; }
        else return null;
        return ok;
    }
}
