using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace StrimziGuard.Testing.FakeApi;

/// <summary>
/// The test double's etcd: objects as JSON, one global resourceVersion counter bumped by every write, a bounded history of events for
/// watches to resume from (older than the history = 410), and pinned list snapshots for <c>continue</c> tokens.
/// </summary>
internal sealed class FakeObjectStore
{
    private readonly Lock gate = new();
    private readonly SortedDictionary<(string Group, string Plural, string Ns, string Name), JsonObject> objects = new();
    private readonly List<FakeStoredEvent> history = [];
    private readonly List<FakeWatcher> watchers = [];
    private readonly Dictionary<string, JsonObject[]> pages = [];
    private long version = 100;
    private long floor = 100;

    public int MaxHistory { get; set; } = 10_000;

    public long CurrentVersion
    {
        get
        {
            lock (gate) return version;
        }
    }

    public int WatcherCount
    {
        get
        {
            lock (gate) return watchers.Count;
        }
    }

    public JsonObject? Get(string group, string plural, string ns, string name)
    {
        lock (gate) return objects.GetValueOrDefault((group, plural, ns, name))?.DeepClone().AsObject();
    }

    /// <summary>One page of the matching objects, sorted by namespace and name. A continue token replays the snapshot of the first page.</summary>
    public (long Version, List<JsonObject> Items, string? Continue, long? Remaining) List(string group, string plural, string? ns, Func<JsonObject, bool> match, int? limit, string? continueToken)
    {
        lock (gate)
        {
            JsonObject[] all;
            var offset = 0;
            long listVersion;
            if (continueToken is not null)
            {
                var (id, at, rv) = ParseToken(continueToken);
                if (!pages.TryGetValue(id, out all!)) throw FakeApiError.Gone("The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter.");
                offset = at;
                listVersion = rv;
            }
            else
            {
                all = objects.Where(kv => kv.Key.Group == group && kv.Key.Plural == plural && (ns is null || kv.Key.Ns == ns))
                    .Select(kv => kv.Value).Where(match).Select(o => o.DeepClone().AsObject()).ToArray();
                listVersion = version;
            }
            var take = limit is > 0 ? Math.Min(limit.Value, all.Length - offset) : all.Length - offset;
            var items = all.Skip(offset).Take(take).Select(o => o.DeepClone().AsObject()).ToList();
            if (offset + take >= all.Length) return (listVersion, items, null, null);
            var pageId = continueToken is null ? Guid.NewGuid().ToString("N") : ParseToken(continueToken).Id;
            pages[pageId] = all;
            return (listVersion, items, MakeToken(pageId, offset + take, listVersion), all.Length - offset - take);
        }
    }

    public JsonObject Create(string group, string plural, string ns, string name, JsonObject obj)
    {
        lock (gate)
        {
            var key = (group, plural, ns, name);
            if (objects.ContainsKey(key)) throw FakeApiError.AlreadyExists(group, plural, name);
            var meta = Meta(obj);
            meta["uid"] = Guid.NewGuid().ToString();
            meta["creationTimestamp"] = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
            meta["generation"] = 1L;
            meta["resourceVersion"] = Next();
            objects[key] = obj;
            Record("ADDED", group, plural, null, obj);
            return obj.DeepClone().AsObject();
        }
    }

    /// <summary>
    /// Replaces an object with <paramref name="change"/>(current). A non-empty resourceVersion in the result that differs from the stored one
    /// is a stale write: 409 Conflict, as the API server's optimistic concurrency answers.
    /// </summary>
    public JsonObject Update(string group, string plural, string ns, string name, Func<JsonObject, JsonObject> change)
    {
        lock (gate)
        {
            var key = (group, plural, ns, name);
            var current = objects.GetValueOrDefault(key) ?? throw FakeApiError.NotFound(group, plural, name);
            var next = change(current.DeepClone().AsObject());
            var meta = Meta(next);
            var currentMeta = Meta(current);
            var sent = (string?)meta["resourceVersion"];
            if (!string.IsNullOrEmpty(sent) && sent != (string?)currentMeta["resourceVersion"]) throw FakeApiError.Conflict(group, plural, name);
            if ((string?)meta["name"] != name) throw FakeApiError.BadRequest($"the name of the object ({meta["name"]}) does not match the name on the URL ({name})");
            foreach (var kept in new[] { "uid", "creationTimestamp", "namespace" })
                meta[kept] = currentMeta[kept]?.DeepClone();
            var specChanged = !JsonNode.DeepEquals(current["spec"], next["spec"]);
            var generation = long.TryParse(currentMeta["generation"]?.ToJsonString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var g) ? g : 1;
            meta["generation"] = generation + (specChanged ? 1 : 0);
            meta["resourceVersion"] = Next();
            objects[key] = next;
            Record("MODIFIED", group, plural, current, next);
            return next.DeepClone().AsObject();
        }
    }

    public JsonObject Delete(string group, string plural, string ns, string name, string? preconditionVersion)
    {
        lock (gate)
        {
            var key = (group, plural, ns, name);
            var current = objects.GetValueOrDefault(key) ?? throw FakeApiError.NotFound(group, plural, name);
            if (preconditionVersion is not null && preconditionVersion != (string?)Meta(current)["resourceVersion"]) throw FakeApiError.Conflict(group, plural, name);
            objects.Remove(key);
            // Like the API server, the DELETED event carries the object at the deletion's resourceVersion.
            var gone = current.DeepClone().AsObject();
            Meta(gone)["resourceVersion"] = Next();
            Record("DELETED", group, plural, current, gone);
            return gone.DeepClone().AsObject();
        }
    }

    /// <summary>
    /// Opens a watch. From "" or "0": synthetic ADDED events for what exists now, then live events. From a version: every later event from
    /// history, then live events, with no gap (both happen under the store lock). Null when that version is older than the history.
    /// </summary>
    public FakeWatcher? OpenWatch(string group, string plural, string? fromVersion, out List<JsonObject> initial)
    {
        lock (gate)
        {
            initial = [];
            var watcher = new FakeWatcher(group, plural);
            if (string.IsNullOrEmpty(fromVersion) || fromVersion == "0")
            {
                initial = objects.Where(kv => kv.Key.Group == group && kv.Key.Plural == plural).Select(kv => kv.Value.DeepClone().AsObject()).ToList();
                watcher.LastSeen = version;
            }
            else
            {
                if (!long.TryParse(fromVersion, NumberStyles.None, CultureInfo.InvariantCulture, out var from)) throw FakeApiError.BadRequest($"invalid resourceVersion \"{fromVersion}\"");
                if (from < floor) return null;
                foreach (var e in history.Where(e => e.ResourceVersion > from && e.Group == group && e.Plural == plural)) watcher.Events.Writer.TryWrite(e);
                watcher.LastSeen = from;
            }
            watchers.Add(watcher);
            return watcher;
        }
    }

    public void CloseWatch(FakeWatcher watcher)
    {
        lock (gate) watchers.Remove(watcher);
    }

    public FakeWatcher[] Watchers()
    {
        lock (gate) return [.. watchers];
    }

    /// <summary>The resourceVersion a bookmark may promise: everything up to it has been sent to this watcher.</summary>
    public long BookmarkVersion(FakeWatcher watcher)
    {
        lock (gate) return watcher.Events.Reader.Count == 0 ? version : watcher.LastSeen;
    }

    /// <summary>Forgets all history and list snapshots: watches and continue tokens from before now get 410, as after etcd compaction.</summary>
    public void Compact()
    {
        lock (gate)
        {
            floor = version;
            history.Clear();
            pages.Clear();
        }
    }

    public long OldestWatchableVersion
    {
        get
        {
            lock (gate) return floor;
        }
    }

    private string Next() => (++version).ToString(CultureInfo.InvariantCulture);

    private void Record(string type, string group, string plural, JsonObject? old, JsonObject obj)
    {
        var e = new FakeStoredEvent(version, type, group, plural, old?.DeepClone().AsObject(), obj.DeepClone().AsObject());
        history.Add(e);
        if (history.Count > MaxHistory)
        {
            floor = history[0].ResourceVersion;
            history.RemoveAt(0);
        }
        foreach (var w in watchers.Where(w => w.Group == group && w.Plural == plural)) w.Events.Writer.TryWrite(e);
    }

    private static JsonObject Meta(JsonObject obj) => obj["metadata"] as JsonObject ?? (JsonObject)(obj["metadata"] = new JsonObject());

    private static string MakeToken(string id, int offset, long rv) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes($"{id}:{offset}:{rv}"));

    private static (string Id, int Offset, long Rv) ParseToken(string token)
    {
        try
        {
            var parts = Encoding.UTF8.GetString(Convert.FromBase64String(token)).Split(':');
            return (parts[0], int.Parse(parts[1], CultureInfo.InvariantCulture), long.Parse(parts[2], CultureInfo.InvariantCulture));
        }
        catch (Exception e) when (e is FormatException or IndexOutOfRangeException or OverflowException)
        {
            throw FakeApiError.BadRequest("continue key is not valid: illegal base64 data");
        }
    }
}
