using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using KubernetesJson = k8s.KubernetesJson;
using System.Text.Json;
using k8s.Models;
using StrimziGuard.Core.Api;
using StrimziGuard.Kubernetes.Models;
using StrimziGuard.Kubernetes.Watch;
using CorePod = StrimziGuard.Core.Api.V1Pod;

namespace StrimziGuard.Benchmarks;

/// <summary>
/// <c>cache-memory</c>: what holding the synthetic cluster's 1,000 pods costs, as a list answer with the <c>managedFields</c> an API
/// server adds, read in three ways, each in a fresh process of its own so that its RSS is its own: as the guard's pod cache keeps them
/// (Core's read model, trimmed on receipt), as it kept them before trimming (whole Core objects), and as the library's typed
/// <c>V1PodList</c>. Prints the managed heap the pods hold and the process RSS, both after a full GC.
/// </summary>
internal static class CacheMemory
{
    private static readonly string[] Modes = ["trimmed", "whole", "library"];

    public static async Task<int> RunAsync(string[] args)
    {
        var mode = args.SkipWhile(a => a != "--mode").Skip(1).FirstOrDefault();
        var file = args.SkipWhile(a => a != "--list").Skip(1).FirstOrDefault();
        if (mode is null || file is null)
        {
            // The list answer an API server would send, written once; each child reads it as a stream, so its RSS holds the pods and
            // the runtime, not the making of the list.
            var list = Path.Combine(Path.GetTempPath(), $"strimzi-guard-pods-{Environment.ProcessId}.json");
            await using (var output = File.Create(list))
            {
                await JsonSerializer.SerializeAsync(output, new JsonObject
                {
                    ["apiVersion"] = "v1", ["kind"] = "PodList", ["metadata"] = new JsonObject { ["resourceVersion"] = "1" }, ["items"] = new JsonArray([.. Pods()]),
                });
            }
            Console.WriteLine($"cache-memory: {SyntheticCluster.Clusters * SyntheticCluster.PodsPerCluster} pods with managedFields, each way in its own process");
            Console.WriteLine("| Held as | Managed heap held | Process RSS |");
            Console.WriteLine("|---|---:|---:|");
            foreach (var m in Modes)
            {
                var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true };
                foreach (var a in new[] { typeof(CacheMemory).Assembly.Location, "cache-memory", "--mode", m, "--list", list }) start.ArgumentList.Add(a);
                using var child = Process.Start(start)!;
                Console.WriteLine((await child.StandardOutput.ReadToEndAsync()).Trim());
                await child.WaitForExitAsync();
                if (child.ExitCode != 0) return child.ExitCode;
            }
            Console.WriteLine($"list answer: {new FileInfo(list).Length / 1024.0 / 1024:F1} MiB of JSON");
            File.Delete(list);
            return 0;
        }

        await using var stream = File.OpenRead(file);
        var before = Heap();
        object held = mode switch
        {
            "library" => KubernetesJson.Deserialize<V1PodList>(stream),
            "whole" => (await JsonSerializer.DeserializeAsync<KubeList<CorePod>>(stream, KubeJson.Options))!.Items,
            _ => (await JsonSerializer.DeserializeAsync<KubeList<CorePod>>(stream, KubeJson.Options))!.Items.ConvertAll(CachedObjects.Trim),
        };
        var heldBytes = Heap() - before;
        var rss = Environment.WorkingSet;
        GC.KeepAlive(held);
        var label = mode switch
        {
            "trimmed" => "Core read model, trimmed on receipt (the cache now)",
            "whole" => "Core read model, whole objects (the cache before)",
            _ => "KubernetesClient V1PodList",
        };
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {label} | {heldBytes / 1024.0 / 1024:F1} MiB | {rss / 1024.0 / 1024:F0} MiB |"));
        return 0;
    }

    internal static long Heap()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    /// <summary>The synthetic cluster's broker pods, each with managedFields as the API server records them (one entry per writer).</summary>
    private static IEnumerable<JsonObject> Pods()
    {
        for (var c = 0; c < SyntheticCluster.Clusters; c++)
        {
            for (var p = 0; p < SyntheticCluster.PodsPerCluster; p++)
            {
                var pod = SyntheticCluster.Fixture("pod-my-cluster-broker-0.steady.yaml", c, p);
                var meta = (JsonObject)pod["metadata"]!;
                meta["managedFields"] = new JsonArray(
                    Entry("strimzi-cluster-operator", "Update", null, new JsonObject { ["metadata"] = meta.DeepClone(), ["spec"] = pod["spec"]?.DeepClone() }),
                    Entry("kubelet", "Update", "status", new JsonObject { ["status"] = pod["status"]?.DeepClone() }));
                yield return pod;
            }
        }
    }

    private static JsonObject Entry(string manager, string operation, string? subresource, JsonObject fields)
    {
        var entry = new JsonObject
        {
            ["manager"] = manager, ["operation"] = operation, ["apiVersion"] = "v1", ["time"] = "2026-12-01T10:00:00Z",
            ["fieldsType"] = "FieldsV1", ["fieldsV1"] = FieldSet(fields),
        };
        if (subresource is not null) entry["subresource"] = subresource;
        return entry;
    }

    /// <summary>FieldsV1 as the API server writes it: every key as <c>f:name</c>, list items as <c>k:{...}</c> or <c>v:...</c>, leaves as <c>{}</c>.</summary>
    private static JsonObject FieldSet(JsonNode? node)
    {
        var set = new JsonObject();
        switch (node)
        {
            case JsonObject o:
                foreach (var (key, value) in o) set[$"f:{key}"] = FieldSet(value);
                break;
            case JsonArray a:
                foreach (var item in a)
                    set[item is JsonObject i && i["name"] is { } name ? $"k:{{\"name\":\"{name}\"}}" : $"v:{item?.ToJsonString()}"] = FieldSet(item is JsonObject ? item : null);
                break;
        }
        if (node is JsonObject or JsonArray) set["."] = new JsonObject();
        return set;
    }
}
