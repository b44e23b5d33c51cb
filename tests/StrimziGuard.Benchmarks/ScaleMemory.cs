using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using StrimziGuard.Commands;
using StrimziGuard.Core.Api;
using StrimziGuard.Kubernetes.Manifests;
using StrimziGuard.Kubernetes.ServingCertificates;
using StrimziGuard.Kubernetes.Watch;
using StrimziGuard.Testing.FakeApi;

namespace StrimziGuard.Benchmarks;

/// <summary>
/// Memory and time to ready at the issue's scale (10,000 pods, 1,000 StrimziPodSets of 10 entries, 3,000 Secrets, 1,000 Kafka CRs):
/// <c>serve</c> in its own process, idle (the example cluster state), offline from files (<c>--cluster-state</c>) and live through the
/// fake API server (a test double, in this process); the managed bytes each cached object costs (in a child process, after a full GC);
/// and the start-up read of the CA cert Secrets, one at a time against concurrent, with an API round trip of <see cref="RoundTrip"/>.
/// </summary>
internal static class ScaleMemory
{
    public const double ReadySeconds = 30;
    public const double ScaleMiB = 250;
    public const double IdleMiB = 80;

    /// <summary>An in-cluster API request's round trip (the test double answers in microseconds, which would hide sequential reads).</summary>
    private static readonly TimeSpan RoundTrip = TimeSpan.FromMilliseconds(2);

    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(10);

    public sealed record Row(string What, string Figure, bool Missed = false);

    /// <param name="serveOnly">Only the serve processes (for comparing runtime settings through <paramref name="environment"/>).</param>
    public static async Task<IReadOnlyList<Row>> RunAsync(DevCertificates certs, int clusters, IReadOnlyDictionary<string, string>? environment = null, bool serveOnly = false)
    {
        var rows = new List<Row>();
        var state = Path.Combine(Path.GetTempPath(), $"strimzi-guard-scale-{Environment.ProcessId}");
        try
        {
            var objects = WriteClusterState(state, clusters);
            var what = $"{objects.Count(o => (string?)o["kind"] == "Pod"):N0} pods, {objects.Count:N0} objects";
            rows.Add(await ServeAsync($"serve idle (example cluster state)", certs, null, IdleMiB, environment));
            rows.Add(await ServeAsync($"serve --cluster-state ({what})", certs, ["--cluster-state", state], ScaleMiB, environment));
            await using (var fake = await SeededAsync(objects))
            {
                var kubeconfig = Path.Combine(state, "..", $"strimzi-guard-scale-{Environment.ProcessId}.kubeconfig");
                await File.WriteAllTextAsync(kubeconfig, fake.KubeconfigYaml());
                rows.Add(await ServeAsync($"serve --kubeconfig, fake API server ({what})", certs, ["--kubeconfig", kubeconfig], ScaleMiB, environment));
                File.Delete(kubeconfig);
                foreach (var concurrency in serveOnly ? [] : new[] { 1, CaSecretCache.DefaultConcurrency })
                    rows.Add(await CachesReadyAsync(fake, concurrency, objects.Count(o => (string?)o["kind"] == "Secret" && CaSecretNames.MayReadInFull((string)o["metadata"]!["name"]!))));
            }
            if (!serveOnly) rows.AddRange(await HeapPerObjectAsync(state));
        }
        finally
        {
            if (Directory.Exists(state)) Directory.Delete(state, recursive: true);
        }
        return rows;
    }

    /// <summary>The cluster state as <c>kubectl get -o json</c> prints it: one <c>List</c> file per namespace.</summary>
    private static List<JsonObject> WriteClusterState(string dir, int clusters)
    {
        Directory.CreateDirectory(dir);
        var objects = SyntheticCluster.Objects(clusters).ToList();
        foreach (var group in objects.GroupBy(o => (string?)o["metadata"]!["namespace"] ?? "cluster-scoped"))
        {
            var list = new JsonObject { ["apiVersion"] = "v1", ["kind"] = "List", ["items"] = new JsonArray([.. group.Select(o => o.DeepClone())]) };
            File.WriteAllText(Path.Combine(dir, $"{group.Key}.json"), list.ToJsonString());
        }
        return objects;
    }

    private static async Task<FakeApiServer> SeededAsync(IEnumerable<JsonObject> objects)
    {
        var fake = await FakeApiServer.StartAsync();
        foreach (var o in objects) fake.Put(o);
        return fake;
    }

    /// <summary>
    /// <c>serve</c> in its own process: time to <c>/readyz</c> 200, then resident memory <see cref="Settle"/> later (live, the leader's
    /// controllers are writing their first pass meanwhile: 1,000 guard NetworkPolicies at 10,000 pods) and its peak.
    /// </summary>
    private static async Task<Row> ServeAsync(string what, DevCertificates certs, IReadOnlyList<string>? state, double limitMiB, IReadOnlyDictionary<string, string>? environment)
    {
        var clock = Stopwatch.StartNew();
        await using var serve = ServeProcess.Start(certs.CertFile, certs.KeyFile, TimeSpan.Zero, state, environment);
        string figure;
        var missed = false;
        try
        {
            await serve.WaitReadyAsync(state?.Contains("--kubeconfig") == true ? null : certs, TimeSpan.FromSeconds(ReadySeconds * 2));
            var ready = clock.Elapsed.TotalSeconds;
            await Task.Delay(Settle);
            var (now, peak) = serve.Resident();
            // For profiling by hand (dotnet-gcdump, dotnet-counters against the serve process): STRIMZI_GUARD_BENCH_HOLD seconds more.
            if (int.TryParse(Environment.GetEnvironmentVariable("STRIMZI_GUARD_BENCH_HOLD"), out var hold)) await Task.Delay(TimeSpan.FromSeconds(hold));
            missed = ready > ReadySeconds || now / 1048576.0 > limitMiB;
            figure = string.Create(CultureInfo.InvariantCulture, $"ready in {ready:0.0} s (target <= {ReadySeconds:0}); resident {now / 1048576.0:0} MiB, peak {peak / 1048576.0:0} MiB (target <= {limitMiB:0})");
        }
        catch (InvalidOperationException e)
        {
            (figure, missed) = ($"not ready: {e.Message.Split('\n')[0]}", true);
        }
        return new Row(what, figure, missed);
    }

    /// <summary>The watch caches alone (no serve) against the fake API server with an API round trip: time until every cache synced.</summary>
    private static async Task<Row> CachesReadyAsync(FakeApiServer fake, int concurrency, int certSecrets)
    {
        fake.Faults.Latency = RoundTrip;
        using var client = fake.CreateClient();
        using var stop = new CancellationTokenSource();
        var caches = ClusterCaches.Create(client, new ClusterCacheOptions { CaCertReadConcurrency = concurrency });
        var clock = Stopwatch.StartNew();
        var running = caches.RunAsync(stop.Token);
        await caches.Snapshots.WaitForSyncAsync(stop.Token).WaitAsync(TimeSpan.FromMinutes(5));
        var elapsed = clock.Elapsed.TotalSeconds;
        await stop.CancelAsync();
        await running;
        fake.Faults.Latency = TimeSpan.Zero;
        return new Row($"watch caches synced, {certSecrets:N0} CA cert Secrets read {(concurrency == 1 ? "one at a time" : $"{concurrency} at a time")}",
            string.Create(CultureInfo.InvariantCulture, $"{elapsed:0.0} s with a {RoundTrip.TotalMilliseconds:0} ms API round trip"));
    }

    /// <summary>Bytes per object, by kind, as the caches and the offline loader keep them: in a child process after a full, compacting GC.</summary>
    private static async Task<IReadOnlyList<Row>> HeapPerObjectAsync(string state)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true };
        foreach (var a in new[] { typeof(ScaleMemory).Assembly.Location, "object-heap", state }) start.ArgumentList.Add(a);
        using var child = Process.Start(start)!;
        var lines = (await child.StandardOutput.ReadToEndAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        await child.WaitForExitAsync();
        return lines.Select(l => l.Split('\t')).Select(p => new Row(p[0], p[1])).ToArray();
    }

    /// <summary>The child's side of <see cref="HeapPerObjectAsync"/>: prints "what\tfigure" lines.</summary>
    public static int ObjectHeap(string state)
    {
        var parsed = ManifestLoader.Load([state]);
        var total = 0L;
        var all = new List<KubernetesObject>();
        foreach (var kind in parsed.GroupBy(p => (string?)p.Object["kind"]).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var before = CacheMemory.Heap();
            var typed = ManifestLoader.ReadKnown(kind).ToList();
            var whole = CacheMemory.Heap() - before;
            typed = typed.ConvertAll(CachedObjects.Trim);
            var held = CacheMemory.Heap() - before;
            total += held;
            all.AddRange(typed);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"managed bytes per {kind.Key} ({typed.Count:N0})\t{held / Math.Max(1, typed.Count):N0} B as cached ({whole / Math.Max(1, typed.Count):N0} B whole)"));
        }
        var snapshotBefore = CacheMemory.Heap();
        var snapshot = Core.Snapshots.ClusterSnapshot.From(all);
        var index = CacheMemory.Heap() - snapshotBefore;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"managed heap of the offline snapshot ({all.Count:N0} objects)\t{(total + index) / 1048576.0:0.0} MiB, {(total + index) / all.Count:N0} B per object ({index / 1048576.0:0.0} MiB of it the snapshot's indexes)"));
        GC.KeepAlive(parsed);
        GC.KeepAlive(snapshot);
        return 0;
    }
}
