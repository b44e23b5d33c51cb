using System.Globalization;
using System.Text;

namespace StrimziGuard.Kubernetes.Client;

internal static class QueryString
{
    public static string For(ListOptions? o, bool watch)
    {
        var q = new StringBuilder();
        if (watch) Add(q, "watch", "true");
        if (o is null) return q.ToString();
        Add(q, "labelSelector", o.LabelSelector);
        Add(q, "fieldSelector", o.FieldSelector);
        Add(q, "limit", o.Limit?.ToString(CultureInfo.InvariantCulture));
        Add(q, "continue", o.Continue);
        Add(q, "resourceVersion", o.ResourceVersion);
        if (watch && o.AllowWatchBookmarks) Add(q, "allowWatchBookmarks", "true");
        Add(q, "timeoutSeconds", o.TimeoutSeconds?.ToString(CultureInfo.InvariantCulture));
        return q.ToString();
    }

    public static void Add(StringBuilder q, string key, string? value)
    {
        if (string.IsNullOrEmpty(value)) return;
        q.Append(q.Length == 0 ? '?' : '&').Append(key).Append('=').Append(Uri.EscapeDataString(value));
    }
}
