namespace StrimziGuard.Core.Api;

/// <summary>
/// Go unmarshals a JSON null list element into a zero struct, so the API server reads <c>ingress: [null]</c> as one empty rule. Our
/// models read such an element as an empty object the same way, in the list the deserializer made (a copy per list was most of the
/// garbage of a NetworkPolicy's read).
/// </summary>
internal static class ZeroValues
{
    public static List<T>? ForNullElements<T>(List<T>? list) where T : class, new()
    {
        if (list is null) return null;
        for (var i = 0; i < list.Count; i++) list[i] ??= new T();
        return list;
    }
}
