using System.Diagnostics;
using StrimziGuard.Commands;
using StrimziGuard.Testing;
using StrimziGuard.Kubernetes.ServingCertificates;

namespace StrimziGuard.Benchmarks;

/// <summary>
/// <c>under-load</c>: wrk on loopback against <c>strimzi-guard serve</c> in its own process, bounded in time (about 30 s).
/// 1. Rotation: every request on a new connection (a TLS handshake each), the serving certificate is replaced in its kubelet-style
///    Secret volume, then replaced by one from a new CA. Pass: no failed request, and the last certificate is served.
/// 2. SIGTERM with the drain (--shutdown-delay): pass: no failed request (in flight or new), and serve exits 0.
/// 3. SIGTERM without a drain, for contrast: what a plain stop costs callers whose endpoints still route here. Not a pass criterion.
/// </summary>
internal static class UnderLoad
{
    private const int Connections = 16;

    public static async Task<int> RunAsync()
    {
        var body = Path.Combine(Repository.Root, "manifests", "examples", "admission-reviews", "kafka-create-compliant.json");
        using var ca = DevCertificates.Create();
        using var nextCa = DevCertificates.Create();
        var failures = new List<string>();
        Console.WriteLine($"strimzi-guard under load: wrk -t1 -c{Connections} on loopback against serve in its own process, {Environment.ProcessorCount} cores");

        failures.AddRange(await RotationAsync(body, ca, nextCa));
        failures.AddRange(await SigtermAsync(body, ca, TimeSpan.FromSeconds(5), expectClean: true));
        await SigtermAsync(body, ca, TimeSpan.Zero, expectClean: false);

        Console.WriteLine(failures.Count == 0 ? "under-load: passed" : "under-load: FAILED\n  " + string.Join("\n  ", failures));
        return failures.Count == 0 ? 0 : 1;
    }

    private static async Task<IEnumerable<string>> RotationAsync(string body, DevCertificates ca, DevCertificates nextCa)
    {
        var volume = SecretVolume.Create((crt, key) => ca.IssueServing(crt, key, "first"));
        await using var serve = ServeProcess.Start(volume.CertFile, volume.KeyFile, TimeSpan.Zero);
        await serve.WaitReadyAsync(ca);
        var url = new Uri(serve.Url, "/validate/cert-lifetime");
        Wrk.VerifiedCurl(url, body, ca.CaFile);

        var clock = Stopwatch.StartNew();
        var load = Task.Run(() => Wrk.Run(url, body, Connections, 12, closeEachConnection: true));
        await Task.Delay(TimeSpan.FromSeconds(3));
        volume.Swap((crt, key) => ca.IssueServing(crt, key, "second from the same CA"));
        await serve.WaitServingAsync(volume.Current, TimeSpan.FromSeconds(5));
        var second = clock.Elapsed;
        await Task.Delay(TimeSpan.FromSeconds(2));
        volume.Swap((crt, key) => nextCa.IssueServing(crt, key, "third from a new CA"));
        await serve.WaitServingAsync(volume.Current, TimeSpan.FromSeconds(5));
        var third = clock.Elapsed;
        var during = !load.IsCompleted;
        var r = await load;
        // The API server's caBundle holds both CAs while the CA changes; the new one must verify what is served now.
        Wrk.VerifiedCurl(url, body, nextCa.CaFile);

        Console.WriteLine($"  rotation: {r.Requests} requests, each a new TLS handshake ({r.RequestsPerSecond:0}/s, p99 {r.P99Ms:0.0} ms); " +
            $"new certificate served at {second.TotalSeconds:0.0} s, new CA's at {third.TotalSeconds:0.0} s; errors: {r.ErrorText}");
        var problems = new List<string>();
        if (r.Errors > 0) problems.Add($"rotation: {r.Errors} failed requests ({r.ErrorText})");
        if (!during) problems.Add("rotation: wrk finished before both rotations were served; they were not under load");
        if (r.Requests == 0) problems.Add("rotation: no request was answered");
        return problems;
    }

    private static async Task<IEnumerable<string>> SigtermAsync(string body, DevCertificates ca, TimeSpan delay, bool expectClean)
    {
        await using var serve = ServeProcess.Start(ca.CertFile, ca.KeyFile, delay);
        await serve.WaitReadyAsync(ca);
        var url = new Uri(serve.Url, "/validate/cert-lifetime");
        Wrk.VerifiedCurl(url, body, ca.CaFile);

        // Keep-alive connections, as the API server holds them; SIGTERM 1.5 s in, wrk goes on to 5 s (inside a 5 s drain).
        var load = Task.Run(() => Wrk.Run(url, body, Connections, 5));
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        var clock = Stopwatch.StartNew();
        serve.Terminate();
        var r = await load;
        var exit = await serve.WaitForExitAsync(TimeSpan.FromSeconds(40));
        var stopped = clock.Elapsed;
        // wrk stops at its deadline with up to one request per connection unanswered-to-it; the server decided (and audited) those too.
        var abandoned = serve.AuditLines - 1 - r.Requests;

        var name = delay > TimeSpan.Zero ? $"SIGTERM, {delay.TotalSeconds:0} s drain" : "SIGTERM, no drain (contrast)";
        Console.WriteLine($"  {name}: {r.Requests} requests answered to wrk, {serve.AuditLines - 1} decided by serve; errors: {r.ErrorText}; " +
            $"exit {exit} {stopped.TotalSeconds:0.0} s after SIGTERM");
        if (!expectClean) return [];
        var problems = new List<string>();
        if (r.Errors > 0) problems.Add($"{name}: {r.Errors} failed requests ({r.ErrorText})");
        if (exit != 0) problems.Add($"{name}: serve exited {exit}: {serve.LogTail(5)}");
        if (abandoned < 0 || abandoned > Connections) problems.Add($"{name}: {abandoned} decisions not accounted for by wrk (at most {Connections} in flight at its deadline)");
        if (stopped < delay) problems.Add($"{name}: serve stopped {stopped.TotalSeconds:0.0} s after SIGTERM, before its drain ended");
        return problems;
    }
}
