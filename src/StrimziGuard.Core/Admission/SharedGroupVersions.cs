namespace StrimziGuard.Core.Admission;

/// <summary>
/// The kinds and resources reviews name (<c>kafka.strimzi.io/v1beta2/Kafka</c>, <c>v1/pods</c>), made once instead of four records a
/// review. A fixed table like <see cref="Api.InternedStrings"/>: a slot holds the last record hashed to it, and a miss only costs a new
/// record. The records are immutable, so one serves every review that names it.
/// </summary>
internal static class SharedGroupVersions
{
    private const int Slots = 64;

    private static readonly GroupVersionKind?[] Kinds = new GroupVersionKind?[Slots];

    private static readonly GroupVersionResource?[] Resources = new GroupVersionResource?[Slots];

    public static GroupVersionKind Kind(string? group, string? version, string? kind)
    {
        ref var slot = ref Kinds[Slot(group, version, kind)];
        var known = Volatile.Read(ref slot);
        if (known is not null && known.Group == group && known.Version == version && known.Kind == kind) return known;
        // A field the review leaves out stays null, as the deserializer leaves it.
        var made = new GroupVersionKind(group!, version!, kind!);
        Volatile.Write(ref slot, made);
        return made;
    }

    public static GroupVersionResource Resource(string? group, string? version, string? resource)
    {
        ref var slot = ref Resources[Slot(group, version, resource)];
        var known = Volatile.Read(ref slot);
        if (known is not null && known.Group == group && known.Version == version && known.Resource == resource) return known;
        var made = new GroupVersionResource(group!, version!, resource!);
        Volatile.Write(ref slot, made);
        return made;
    }

    /// <summary>By the text's length and ends, not the strings' identities: a word the shared-strings table missed is a new string.</summary>
    private static int Slot(string? a, string? b, string? c) => (Mix(a) * 31 + Mix(b) * 7 + Mix(c)) & (Slots - 1);

    private static int Mix(string? s) => s is { Length: > 0 } ? s.Length * 17 + s[0] + s[^1] * 5 + s[s.Length / 2] * 3 : 0;
}
