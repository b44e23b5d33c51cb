using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using StrimziGuard.Core.Api;
using LibraryPod = k8s.Models.V1Pod;

namespace StrimziGuard.Benchmarks;

/// <summary>
/// <c>models</c>: the admission hot path's model work on the largest body it reads, a Kafka broker pod (the pod-stamp path): the object
/// read from JSON and written back (the dispatcher diffs the typed original against the result), each model through its own serializer, with Core's lean read
/// model and with KubernetesClient's <c>V1Pod</c>. In process, per call: p50 time and bytes allocated. Decides where admission's models live.
/// </summary>
internal static class ModelCost
{
    private const int Iterations = 20_000;

    public static int Run()
    {
        var pod = JsonSerializer.SerializeToUtf8Bytes(SyntheticCluster.Fixture("pod-my-cluster-broker-1.before-trust-roll.yaml", 3, 4));
        Console.WriteLine($"models: a broker pod of {pod.Length:N0} bytes read and written back, {Iterations:N0} times each after warm-up");
        Console.WriteLine("| Model | p50 per call | Allocated per call |");
        Console.WriteLine("|---|---:|---:|");
        Report("Core's read model (StrimziGuard.Core.Api.V1Pod)", () => JsonSerializer.Serialize(JsonSerializer.Deserialize<V1Pod>(new MemoryStream(pod), KubeJson.Options), KubeJson.Options));
        Report("KubernetesClient's k8s.Models.V1Pod", () => k8s.KubernetesJson.Serialize(k8s.KubernetesJson.Deserialize<LibraryPod>(new MemoryStream(pod))));
        return 0;
    }

    private static void Report(string name, Func<object?> work)
    {
        for (var i = 0; i < Iterations / 4; i++) GC.KeepAlive(work());
        var times = new double[Iterations];
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < Iterations; i++)
        {
            var start = Stopwatch.GetTimestamp();
            GC.KeepAlive(work());
            times[i] = Stopwatch.GetElapsedTime(start).TotalMicroseconds;
        }
        var allocated = (GC.GetAllocatedBytesForCurrentThread() - allocatedBefore) / Iterations;
        Array.Sort(times);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {name} | {times[Iterations / 2]:F1} µs | {allocated / 1024.0:F1} KiB |"));
    }
}
