using System.Diagnostics;
using System.Globalization;
using StrimziGuard.Benchmarks;
using StrimziGuard.Core;
using StrimziGuard.Core.Snapshots;
using StrimziGuard.Commands;
using StrimziGuard.Kubernetes.ServingCertificates;
using StrimziGuard.Testing;
using StrimziGuard.Web;
using Microsoft.Extensions.Logging;

// Usage: dotnet run -c Release --project tests/StrimziGuard.Benchmarks -- [wrk | memory | in-process] [--duration SECONDS] [--turns N] [--warmup SECONDS] [--iterations N]
// Without a part, every part: wrk at 1,000 and 10,000 pods, in-process decision time at 10, 1,000 and 10,000 pods, memory and time to ready.
//        dotnet run -c Release --project tests/StrimziGuard.Benchmarks -- under-load
// Needs wrk (apt-get install -y wrk) and curl. Prints requests/s, p50, p99 and the ratios to the floor; exit 1 when a target is missed.
// under-load: certificate rotation and SIGTERM under wrk load (UnderLoad.cs); exit 1 when a request failed.
//        dotnet run -c Release --project tests/StrimziGuard.Benchmarks -- cache-memory | models
// cache-memory: heap and RSS of the pod cache (CacheMemory.cs); models: Core's read model against KubernetesClient's on the admission hot path (ModelCost.cs).
// serve's runtime settings that only its environment carries (the image's ENV, src/StrimziGuard/Dockerfile) are read as the runtime
// starts: without them the benchmark starts itself again with them, and every serve it starts inherits them.
var image = ImageEnvironment.Read();
if (ImageEnvironment.MissingHere(image) is { Count: > 0 } missing) return RunAgainWith(missing, args);
if (args.FirstOrDefault() == "cache-memory") return await CacheMemory.RunAsync(args);
if (args.FirstOrDefault() == "object-heap") return ScaleMemory.ObjectHeap(args[1]);
if (args.FirstOrDefault() == "models") return ModelCost.Run();
var duration = Option("--duration", 5);
var warmup = Option("--warmup", 5);
var turns = Option("--turns", 5);
var iterations = Option("--iterations", 20000);
int[] connections = [16, 64];
if (!Wrk.Available())
{
    Console.Error.WriteLine("wrk not found: apt-get install -y wrk");
    return 2;
}
if (args.FirstOrDefault() == "under-load") return await UnderLoad.RunAsync();

var only = args.FirstOrDefault() is "memory" or "in-process" or "wrk" ? args[0] : null;
Console.WriteLine($"strimzi-guard benchmark: wrk -t1, {string.Join(" and ", connections)} connections, {warmup} s warm-up, then {turns} turns of {duration} s, floor and server in turn, {Environment.ProcessorCount} cores");
Console.WriteLine($"runtime environment as in the image: {string.Join(", ", image.Select(e => $"{e.Key}={e.Value}"))}");
// Three cluster sizes: the scenarios' own cluster alone (10 pods), 100 clusters (1,000 pods) and 1,000 clusters (10,000 pods); every
// namespace holds 10 clusters, so admission cost must stay flat as the cluster grows.
(string Name, ClusterSnapshot Snapshot)[] points = only == "memory" ? [] :
[
    ("10 pods", SyntheticCluster.Build(1, first: 3)),
    ("1,000 pods", SyntheticCluster.Build()),
    ("10,000 pods", SyntheticCluster.Build(SyntheticCluster.LargeClusters)),
];
foreach (var (name, snapshot) in points)
    Console.WriteLine($"synthetic cluster state, {name}: {snapshot.Pods.Count} pods in {snapshot.Kafkas.Count} clusters, {snapshot.Objects.Count} objects");
using var certs = DevCertificates.Create();
var scenarios = Scenario.HottestPaths();
var missed = false;

if (args.FirstOrDefault() == "hold")
{
    // For profiling by hand (dotnet-trace, dotnet-counters): the real server on the 1,000-pod state and the floor, each scenario's
    // body in a file, held until killed. Prints the floor's URL and each scenario's.
    await using var audit = AuditSink();
    await using var held = await StartServer(points[1].Snapshot, audit);
    var (_, floorUrl) = await FloorServer.StartAsync(certs.CertFile, certs.KeyFile);
    Console.WriteLine($"pid {Environment.ProcessId}; floor {floorUrl}");
    for (var i = 0; i < scenarios.Count; i++)
    {
        var file = Path.Combine(Path.GetTempPath(), $"strimzi-guard-body-{i}.json");
        File.WriteAllBytes(file, scenarios[i].Body);
        Console.WriteLine($"{scenarios[i].Name}: {new Uri(held.AdmissionUri, scenarios[i].Path)} body {file}");
    }
    await Task.Delay(Timeout.Infinite);
}

if (only is null or "wrk")
{
    var bodies = scenarios.ToDictionary(s => s, s =>
    {
        var file = Path.Combine(certs.Directory, $"body-{Array.IndexOf(scenarios.ToArray(), s)}.json");
        File.WriteAllBytes(file, s.Body);
        return file;
    });
    var rows = new List<(string Point, string Name, int Connections, Turns Turns)>();
    // A review no policy reads (a ConfigMap sent to a validating path): read, dispatch to nothing, answer, audit line and metrics, the
    // server's own cost around the policies. Printed, not judged.
    var unread = Path.Combine(certs.Directory, "body-configmap.json");
    File.WriteAllText(unread, NoPolicyReads(scenarios[0].Body));
    var unreadRows = new List<(string Point, Wrk.Result Result, Wrk.Result Floor)>();
    var (floorApp, floorUrl) = await FloorServer.StartAsync(certs.CertFile, certs.KeyFile);
    var floorTarget = new Uri(floorUrl, "/validate/cert-lifetime");
    Wrk.VerifiedCurl(floorTarget, bodies[scenarios[0]], certs.CaFile);
    // The floor that also parses the review, measured once per scenario (16 connections): how much of the gap the parse alone takes.
    var (parsingApp, parsingUrl) = await FloorServer.StartAsync(certs.CertFile, certs.KeyFile, readReview: true);
    var parsing = scenarios.Select(s => (s.Name, Floor: Measure(floorTarget, bodies[s], connections[0]), Parsing: Measure(new Uri(parsingUrl, "/x"), bodies[s], connections[0]))).ToArray();
    await parsingApp.StopAsync();
    foreach (var (point, snapshot) in points[1..])
    {
        await using var audit = AuditSink();
        await using var server = await StartServer(snapshot, audit);
        foreach (var s in scenarios)
            Console.WriteLine($"  {point}: verified with curl --cacert: {s.Name} -> {Summary(Wrk.VerifiedCurl(new Uri(server.AdmissionUri, s.Path), bodies[s], certs.CaFile))}");
        // Each scenario's floor reads the same body (a pod is ten times a Kafka CR's bytes to decrypt and read) and is measured in turns
        // with it, so a busy machine skews both alike.
        foreach (var c in connections)
        {
            foreach (var s in scenarios) rows.Add((point, s.Name, c, MeasureInTurns(floorTarget, new Uri(server.AdmissionUri, s.Path), bodies[s], c)));
        }
        unreadRows.Add((point, Measure(new Uri(server.AdmissionUri, scenarios[0].Path), unread, connections[0]), Measure(floorTarget, unread, connections[0])));
        Console.WriteLine($"  {point}: audit lines written {server.Audit.Written}, dropped {server.Audit.Dropped}");
    }
    await floorApp.StopAsync();

    Console.WriteLine();
    Console.WriteLine($"{"CLUSTER",-12} {"SCENARIO",-46} {"CONNS",5} {"REQ/S",9} {"P50 ms",8} {"P99 ms",8} {"FLOOR/S",9} {"FLOOR P99",9} {"X FLOOR",8} {"P99 X",7} {"ERRORS",6} {"CPU us",7} {"FLOOR us",8}  TURNS (X FLOOR, P99 X)");
    foreach (var (point, name, c, turn) in rows)
    {
        var (r, floor) = (turn.Server, turn.Floor);
        var (ratio, p99Ratio) = (turn.Ratio, turn.P99Ratio);
        var miss = ratio < 0.75 || p99Ratio > 1.5 || turn.Errors > 0;
        missed |= miss;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{point,-12} {name,-46} {c,5} {r.RequestsPerSecond,9:0} {r.P50Ms,8:0.000} {r.P99Ms,8:0.000} {floor.RequestsPerSecond,9:0} {floor.P99Ms,9:0.000} {ratio,8:0.00} {p99Ratio,7:0.00} {turn.Errors,6} {r.CpuUsPerRequest,7:0.0} {floor.CpuUsPerRequest,8:0.0}  {turn.Each}{(miss ? "  MISSED" : "")}"));
    }
    Console.WriteLine($"floor: bare Kestrel over the same TLS certificate reading the same body, constant answer; targets: req/s >= 0.75x floor, p99 <= 1.5x floor, no errors");
    Console.WriteLine($"each row: {turns} turns of floor then server, {duration} s each; X FLOOR is the median turn's ratio, P99 X the median of the turns' p99 ratios, REQ/S to FLOOR us from the median turn, ERRORS summed over the turns");
    Console.WriteLine("CPU us, FLOOR us: this process's CPU time per answered request during the measured run (not judged; wrk runs in its own process)");
    Console.WriteLine();
    Console.WriteLine($"the floor that also reads the review (AdmissionReviewCodec.ReadInPlace, then the constant answer), {connections[0]} connections; not judged:");
    foreach (var (name, floor, read) in parsing)
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{"",-12} {name,-46} {connections[0],5} {read.RequestsPerSecond,9:0} {read.P50Ms,8:0.000} {read.P99Ms,8:0.000} {floor.RequestsPerSecond,9:0} {floor.P99Ms,9:0.000} {read.RequestsPerSecond / floor.RequestsPerSecond,8:0.00} {read.P99Ms / floor.P99Ms,7:0.00} {read.Errors,6} {read.CpuUsPerRequest,7:0.0} {floor.CpuUsPerRequest,8:0.0}"));
    Console.WriteLine();
    Console.WriteLine($"a review no policy reads (a ConfigMap on {scenarios[0].Path}: read, no policy, answer, audit line, metrics), {connections[0]} connections; not judged:");
    foreach (var (point, r, floor) in unreadRows)
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{point,-12} {"ConfigMap, no policy reads it",-46} {connections[0],5} {r.RequestsPerSecond,9:0} {r.P50Ms,8:0.000} {r.P99Ms,8:0.000} {floor.RequestsPerSecond,9:0} {floor.P99Ms,9:0.000} {r.RequestsPerSecond / floor.RequestsPerSecond,8:0.00} {r.P99Ms / floor.P99Ms,7:0.00} {r.Errors,6} {r.CpuUsPerRequest,7:0.0} {floor.CpuUsPerRequest,8:0.0}"));
}

if (only is null or "in-process")
{
    Console.WriteLine();
    Console.WriteLine($"in-process decision time ({iterations} calls each, after warm-up; targets: policy p99 <= 50 us at every size; read + dispatch + write p50 at 10,000 pods <= {FlatRatio}x at 10 pods + {FlatSlackUs} us)");
    Console.WriteLine($"{"CLUSTER",-12} {"SCENARIO",-46} {"MEASURED",-52} {"P50 us",8} {"P99 us",8} {"BYTES",8} {"GCS",5}");
    foreach (var row in DecisionTimer.EndpointOverhead(points[1].Snapshot, iterations))
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{"",-12} {row.Scenario,-46} {row.What,-52} {row.P50Us,8:0.0} {row.P99Us,8:0.0} {row.BytesPerCall,8} {row.Collections,5}"));
    foreach (var s in scenarios)
    {
        var whole = new Dictionary<string, double>();
        foreach (var (point, snapshot) in points)
        {
            foreach (var row in DecisionTimer.Measure(s, snapshot, iterations))
            {
                var miss = row.What.StartsWith("policy", StringComparison.Ordinal) && row.P99Us > 50;
                if (row.What == DecisionTimer.Whole)
                {
                    whole[point] = row.P50Us;
                    miss |= point == points[^1].Name && row.P50Us > FlatRatio * whole[points[0].Name] + FlatSlackUs;
                }
                missed |= miss;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{point,-12} {row.Scenario,-46} {row.What,-52} {row.P50Us,8:0.0} {row.P99Us,8:0.0} {row.BytesPerCall,8} {row.Collections,5}{(miss ? "  MISSED" : "")}"));
            }
        }
    }
}

if (only is null or "memory")
{
    Console.WriteLine();
    Console.WriteLine($"memory and time to ready at {SyntheticCluster.LargeClusters * SyntheticCluster.PodsPerCluster:N0} pods (serve in its own process; targets: ready <= {ScaleMemory.ReadySeconds:0} s, resident <= {ScaleMemory.ScaleMiB:0} MiB at scale, <= {ScaleMemory.IdleMiB:0} MiB idle)");
        // --env NAME=VALUE (repeatable) sets a variable in the serve processes, to compare runtime settings (GC modes) in one run.
    var environment = args.Select((a, i) => (a, i)).Where(p => p.a == "--env" && p.i + 1 < args.Length).Select(p => args[p.i + 1].Split('=', 2)).ToDictionary(kv => kv[0], kv => kv[1]);
    foreach (var row in await ScaleMemory.RunAsync(certs, Option("--clusters", SyntheticCluster.LargeClusters), environment, args.Contains("--serve-only")))
    {
        missed |= row.Missed;
        Console.WriteLine($"{row.What,-72} {row.Figure}{(row.Missed ? "  MISSED" : "")}");
    }
}
Console.WriteLine();
Console.WriteLine(missed ? "benchmark: a target was MISSED (exit 1)" : "benchmark: every target met");
return missed ? 1 : 0;

static int RunAgainWith(IReadOnlyDictionary<string, string> environment, string[] args)
{
    var self = Environment.ProcessPath!;
    var start = new ProcessStartInfo(self) { UseShellExecute = false };
    // Started as `dotnet StrimziGuard.Benchmarks.dll` rather than through its apphost (dotnet run): the host needs the assembly again.
    if (Path.GetFileNameWithoutExtension(self) == "dotnet") start.ArgumentList.Add(typeof(Scenario).Assembly.Location);
    foreach (var a in args) start.ArgumentList.Add(a);
    foreach (var (name, value) in environment) start.Environment[name] = value;
    using var again = Process.Start(start)!;
    again.WaitForExit();
    return again.ExitCode;
}

// The audit trail's output: /dev/null, opened shared (a second server, or a held one, may have it open), buffered as serve's stdout is.
static BufferedStream AuditSink() => new(new FileStream("/dev/null", FileMode.Open, FileAccess.Write, FileShare.ReadWrite), 64 * 1024);

// Production settings: audit trail on (to /dev/null instead of a stdout pipe), metrics on, warnings-only logs.
Task<WebhookServer> StartServer(ClusterSnapshot snapshot, Stream audit) => WebhookServer.StartAsync(new WebhookServerSettings
{
    Listen = ListenAddress.Loopback("https"),
    MetricsListen = ListenAddress.Loopback("http"),
    TlsCertFile = certs.CertFile,
    TlsKeyFile = certs.KeyFile,
    AuditOutput = audit,
    ConfigureLogging = l => l.AddSimpleConsole().AddFilter((_, level) => level >= LogLevel.Warning),
}, new FixedSnapshotProvider(snapshot));

Wrk.Result Measure(Uri url, string body, int c)
{
    Wrk.Run(url, body, c, warmup);
    return MeasuredRun(url, body, c);
}

Wrk.Result MeasuredRun(Uri url, string body, int c)
{
    var cpu = CpuTime();
    var result = Wrk.Run(url, body, c, duration);
    return result with { CpuUsPerRequest = (CpuTime() - cpu).TotalMicroseconds / Math.Max(1, result.Requests) };
}

// The floor and the server in turns (floor, server, floor, server...), each warmed up once: the machine's neighbours come and go in
// bursts of seconds that moved one 10 s ratio by 0.15 between identical runs; the median of paired turns is skewed by one such burst no
// more than the floor is, and favours neither side.
Turns MeasureInTurns(Uri floor, Uri server, string body, int c)
{
    Wrk.Run(floor, body, c, warmup);
    Wrk.Run(server, body, c, warmup);
    var taken = new List<(Wrk.Result Server, Wrk.Result Floor)>();
    for (var i = 0; i < turns; i++)
    {
        var f = MeasuredRun(floor, body, c);
        taken.Add((MeasuredRun(server, body, c), f));
    }
    return new Turns(taken);
}

static string NoPolicyReads(byte[] review)
{
    var node = System.Text.Json.Nodes.JsonNode.Parse(review)!;
    var request = node["request"]!;
    request["kind"] = new System.Text.Json.Nodes.JsonObject { ["group"] = "", ["version"] = "v1", ["kind"] = "ConfigMap" };
    request["resource"] = new System.Text.Json.Nodes.JsonObject { ["group"] = "", ["version"] = "v1", ["resource"] = "configmaps" };
    request["requestKind"] = request["kind"]!.DeepClone();
    request["requestResource"] = request["resource"]!.DeepClone();
    request["object"] = new System.Text.Json.Nodes.JsonObject
    {
        ["apiVersion"] = "v1", ["kind"] = "ConfigMap", ["metadata"] = new System.Text.Json.Nodes.JsonObject { ["name"] = "settings", ["namespace"] = (string?)request["namespace"] },
        ["data"] = new System.Text.Json.Nodes.JsonObject { ["log.level"] = "INFO" },
    };
    return node.ToJsonString();
}

static TimeSpan CpuTime()
{
    using var self = System.Diagnostics.Process.GetCurrentProcess();
    return self.TotalProcessorTime;
}

int Option(string name, int fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
}

static string Summary(string answer) =>
    answer.Contains("\"allowed\":true", StringComparison.Ordinal) ? (answer.Contains("\"patch\"", StringComparison.Ordinal) ? "allowed, patched" : "allowed") : "denied";

internal static partial class Program
{
    /// <summary>"Flat from 10 to 10,000 pods": the whole in-process path at 10,000 pods within this factor of the 10-pod cluster's.</summary>
    private const double FlatRatio = 1.5;

    /// <summary>
    /// Allowed besides the ratio: the 10-pod state is one cluster alone, the larger ones have 10 clusters a namespace, so a path that
    /// reads its namespace's Kafka CRs legitimately reads 10 instead of 1 (a few microseconds, whatever the cluster's size).
    /// </summary>
    private const double FlatSlackUs = 5;
}

/// <summary>The turns of one row: the server's and the floor's figures from the turn with the median ratio.</summary>
internal sealed class Turns(IReadOnlyList<(Wrk.Result Server, Wrk.Result Floor)> taken)
{
    private readonly (Wrk.Result Server, Wrk.Result Floor) median = taken.OrderBy(t => t.Server.RequestsPerSecond / t.Floor.RequestsPerSecond).ElementAt(taken.Count / 2);

    public Wrk.Result Server => median.Server;

    public Wrk.Result Floor => median.Floor;

    public double Ratio => Server.RequestsPerSecond / Floor.RequestsPerSecond;

    public double P99Ratio => taken.Select(t => t.Server.P99Ms / t.Floor.P99Ms).Order().ElementAt(taken.Count / 2);

    public long Errors => taken.Sum(t => t.Server.Errors);

    /// <summary>Every turn's two ratios, in the order measured: how far the machine moved them.</summary>
    public string Each => string.Join(" ", taken.Select(t => string.Create(CultureInfo.InvariantCulture,
        $"{t.Server.RequestsPerSecond / t.Floor.RequestsPerSecond:0.00}/{t.Server.P99Ms / t.Floor.P99Ms:0.00}")));
}
