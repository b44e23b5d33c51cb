using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace StrimziGuard.Benchmarks;

/// <summary>
/// Drives <c>wrk</c> (Debian package <c>wrk</c>) with one thread, the lightest HTTPS load generator on a 2-core machine
/// (architecture.md §5). wrk does not verify certificates, so every target is first checked once with <c>curl --cacert</c>.
/// </summary>
internal static partial class Wrk
{
    /// <summary>wrk's summary: <paramref name="Requests"/> answered in full; errors by kind (socket errors and non-2xx answers).</summary>
    public sealed record Result(double RequestsPerSecond, double P50Ms, double P99Ms, long Requests, long Connect, long Read, long Write, long Timeout, long Non2xx)
    {
        public long Errors => Connect + Read + Write + Timeout + Non2xx;

        /// <summary>
        /// CPU time of this process (the servers run in it; wrk does not) per answered request, in microseconds: what a request costs the
        /// server, steadier than requests/s when wrk and the server share two cores.
        /// </summary>
        public double CpuUsPerRequest { get; init; }

        public string ErrorText => $"connect {Connect}, read {Read}, write {Write}, timeout {Timeout}, non-2xx {Non2xx}";
    }

    /// <param name="closeEachConnection">Send <c>Connection: close</c>: every request is a new TCP connection and TLS handshake.</param>
    public static Result Run(Uri url, string bodyFile, int connections, int seconds, bool closeEachConnection = false)
    {
        // In the temp directory: the body may be a file of the repository, which must stay clean.
        var script = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"strimzi-guard-wrk-{Guid.NewGuid():N}.lua");
        File.WriteAllText(script, $$"""
            wrk.method = "POST"
            wrk.headers["Content-Type"] = "application/json"
            {{(closeEachConnection ? "wrk.headers[\"Connection\"] = \"close\"" : "")}}
            local f = io.open("{{bodyFile}}", "rb")
            wrk.body = f:read("*a")
            f:close()
            """);
        string output;
        try
        {
            output = Exec("wrk", $"-t1 -c{connections} -d{seconds}s --timeout 10s --latency -s {script} {url}");
        }
        finally
        {
            File.Delete(script);
        }
        var rps = double.Parse(RequestsPerSec().Match(output).Groups[1].Value, CultureInfo.InvariantCulture);
        var requests = long.Parse(RequestCount().Match(output).Groups[1].Value, CultureInfo.InvariantCulture);
        var non2xx = Non2xx().Match(output) is { Success: true } m ? long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
        var socket = SocketErrors().Match(output);
        long Socket(int i) => socket.Success ? long.Parse(socket.Groups[i].Value, CultureInfo.InvariantCulture) : 0;
        return new Result(rps, Percentile(output, "50"), Percentile(output, "99"), requests, Socket(1), Socket(2), Socket(3), Socket(4), non2xx);
    }

    /// <summary>One request with the CA verified, as an API server would; throws unless it answers an AdmissionReview.</summary>
    public static string VerifiedCurl(Uri url, string bodyFile, string caFile)
    {
        var answer = Exec("curl", $"-sS --fail --cacert {caFile} -H Content-Type:application/json --data-binary @{bodyFile} {url}");
        if (!answer.Contains("\"allowed\"", StringComparison.Ordinal)) throw new InvalidOperationException($"curl {url}: unexpected answer: {answer}");
        return answer;
    }

    public static bool Available()
    {
        try
        {
            Exec("wrk", "--version", allowFailure: true);
            return true;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }

    private static double Percentile(string output, string p)
    {
        var m = Regex.Match(output, $@"^\s*{p}(?:\.000)?%\s+([\d.]+)(us|ms|s)\s*$", RegexOptions.Multiline);
        if (!m.Success) throw new InvalidOperationException($"no {p}% latency in wrk output:\n{output}");
        var value = double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
        return m.Groups[2].Value switch { "us" => value / 1000, "ms" => value, _ => value * 1000 };
    }

    private static string Exec(string file, string arguments, bool allowFailure = false)
    {
        using var process = Process.Start(new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        if (process.ExitCode != 0 && !allowFailure) throw new InvalidOperationException($"{file} {arguments} exited {process.ExitCode}: {stderr.Result}{stdout.Result}");
        return stdout.Result + stderr.Result;
    }

    [GeneratedRegex(@"Requests/sec:\s+([\d.]+)")]
    private static partial Regex RequestsPerSec();

    [GeneratedRegex(@"(\d+) requests in ")]
    private static partial Regex RequestCount();

    [GeneratedRegex(@"Non-2xx or 3xx responses:\s+(\d+)")]
    private static partial Regex Non2xx();

    [GeneratedRegex(@"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)")]
    private static partial Regex SocketErrors();
}
