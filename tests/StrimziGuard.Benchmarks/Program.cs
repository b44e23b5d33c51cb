using System.Globalization;
using StrimziGuard.Benchmarks;
using StrimziGuard.Commands;
using StrimziGuard.Kubernetes.ServingCertificates;
using StrimziGuard.Web;
using Microsoft.Extensions.Logging;

// Usage: dotnet run -c Release --project tests/StrimziGuard.Benchmarks -- [--duration SECONDS] [--warmup SECONDS] [--iterations N]
//        dotnet run -c Release --project tests/StrimziGuard.Benchmarks -- under-load
// Needs wrk (apt-get install -y wrk) and curl. Prints requests/s, p50, p99 and the ratios to the floor; exit 1 when a target is missed.
// under-load: certificate rotation and SIGTERM under wrk load (UnderLoad.cs); exit 1 when a request failed.
//        dotnet run -c Release --project tests/StrimziGuard.Benchmarks -- cache-memory | models
// cache-memory: heap and RSS of the pod cache (CacheMemory.cs); models: Core's read model against KubernetesClient's on the admission hot path (ModelCost.cs).
if (args.FirstOrDefault() == "cache-memory") return await CacheMemory.RunAsync(args);
if (args.FirstOrDefault() == "models") return ModelCost.Run();
var duration = Option("--duration", 10);
var warmup = Option("--warmup", 5);
var iterations = Option("--iterations", 20000);
int[] connections = [16, 64];
if (!Wrk.Available())
{
    Console.Error.WriteLine("wrk not found: apt-get install -y wrk");
    return 2;
}
if (args.FirstOrDefault() == "under-load") return await UnderLoad.RunAsync();

Console.WriteLine($"strimzi-guard benchmark: wrk -t1, {string.Join(" and ", connections)} connections, {warmup} s warm-up + {duration} s each, {Environment.ProcessorCount} cores");
var snapshot = SyntheticCluster.Build();
Console.WriteLine($"synthetic cluster state: {snapshot.Pods.Count} pods in {snapshot.Kafkas.Count} clusters, {snapshot.Objects.Count} objects");
using var certs = DevCertificates.Create();
var scenarios = Scenario.HottestPaths();
var bodies = scenarios.ToDictionary(s => s, s =>
{
    var file = Path.Combine(certs.Directory, $"body-{Array.IndexOf(scenarios.ToArray(), s)}.json");
    File.WriteAllBytes(file, s.Body);
    return file;
});

var rows = new List<(string Name, int Connections, Wrk.Result Result, Wrk.Result Floor)>();
var (floorApp, floorUrl) = await FloorServer.StartAsync(certs.CertFile, certs.KeyFile);
var floorTarget = new Uri(floorUrl, "/validate/cert-lifetime");
Wrk.VerifiedCurl(floorTarget, bodies[scenarios[0]], certs.CaFile);
await using (var audit = new BufferedStream(File.OpenWrite("/dev/null"), 64 * 1024))
{
    // Production settings: audit trail on (to /dev/null instead of a stdout pipe), metrics on, warnings-only logs.
    var server = await WebhookServer.StartAsync(new WebhookServerSettings
    {
        Listen = ListenAddress.Loopback("https"),
        MetricsListen = ListenAddress.Loopback("http"),
        TlsCertFile = certs.CertFile,
        TlsKeyFile = certs.KeyFile,
        AuditOutput = audit,
        ConfigureLogging = l => l.AddSimpleConsole().AddFilter((_, level) => level >= LogLevel.Warning),
    }, new FixedSnapshotProvider(snapshot));
    await using (server)
    {
        foreach (var s in scenarios)
            Console.WriteLine($"  verified with curl --cacert: {s.Name} -> {Summary(Wrk.VerifiedCurl(new Uri(server.AdmissionUri, s.Path), bodies[s], certs.CaFile))}");
        // Each scenario's floor reads the same body (a pod is ten times a Kafka CR's bytes to decrypt and read) and is measured right
        // before it, so a busy machine skews both alike.
        foreach (var c in connections)
        {
            foreach (var s in scenarios)
            {
                var floor = Measure(floorTarget, bodies[s], c);
                rows.Add((s.Name, c, Measure(new Uri(server.AdmissionUri, s.Path), bodies[s], c), floor));
            }
        }
        Console.WriteLine($"  audit lines written {server.Audit.Written}, dropped {server.Audit.Dropped}");
    }
}
await floorApp.StopAsync();

var missed = false;
Console.WriteLine();
Console.WriteLine($"{"SCENARIO",-46} {"CONNS",5} {"REQ/S",9} {"P50 ms",8} {"P99 ms",8} {"FLOOR/S",9} {"FLOOR P99",9} {"X FLOOR",8} {"P99 X",7} {"ERRORS",6}");
foreach (var (name, c, r, floor) in rows)
{
    var (ratio, p99Ratio) = (r.RequestsPerSecond / floor.RequestsPerSecond, r.P99Ms / floor.P99Ms);
    var miss = ratio < 0.75 || p99Ratio > 1.5 || r.Errors > 0;
    missed |= miss;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{name,-46} {c,5} {r.RequestsPerSecond,9:0} {r.P50Ms,8:0.000} {r.P99Ms,8:0.000} {floor.RequestsPerSecond,9:0} {floor.P99Ms,9:0.000} {ratio,8:0.00} {p99Ratio,7:0.00} {r.Errors,6}{(miss ? "  MISSED" : "")}"));
}
Console.WriteLine("floor: bare Kestrel over the same TLS certificate reading the same body, constant answer; targets: req/s >= 0.75x floor, p99 <= 1.5x floor, no errors");

Console.WriteLine();
Console.WriteLine($"in-process decision time ({iterations} calls each, after warm-up; target p99 <= 50 us)");
Console.WriteLine($"{"SCENARIO",-46} {"MEASURED",-52} {"P50 us",8} {"P99 us",8}");
foreach (var row in DecisionTimer.EndpointOverhead(snapshot, iterations))
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{row.Scenario,-46} {row.What,-52} {row.P50Us,8:0.0} {row.P99Us,8:0.0}"));
foreach (var s in scenarios)
{
    foreach (var row in DecisionTimer.Measure(s, snapshot, iterations))
    {
        var miss = row.What.StartsWith("policy", StringComparison.Ordinal) && row.P99Us > 50;
        missed |= miss;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{row.Scenario,-46} {row.What,-52} {row.P50Us,8:0.0} {row.P99Us,8:0.0}{(miss ? "  MISSED" : "")}"));
    }
}
return missed ? 1 : 0;

Wrk.Result Measure(Uri url, string body, int c)
{
    Wrk.Run(url, body, c, warmup);
    return Wrk.Run(url, body, c, duration);
}

int Option(string name, int fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
}

static string Summary(string answer) =>
    answer.Contains("\"allowed\":true", StringComparison.Ordinal) ? (answer.Contains("\"patch\"", StringComparison.Ordinal) ? "allowed, patched" : "allowed") : "denied";
