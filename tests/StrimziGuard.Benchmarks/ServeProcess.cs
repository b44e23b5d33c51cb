using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using StrimziGuard.Commands;
using StrimziGuard.Kubernetes.ServingCertificates;

namespace StrimziGuard.Benchmarks;

/// <summary>
/// <c>strimzi-guard serve</c> as a child process on loopback ports, offline (by default the example cluster state), so it can be sent a
/// real SIGTERM and its resident memory is its own. Counts the audit lines it writes to stdout: one per decision, written after the answer.
/// </summary>
internal sealed class ServeProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly List<string> log = [];
    private long auditLines;

    private ServeProcess(Process process, Uri url)
    {
        this.process = process;
        Url = url;
        process.OutputDataReceived += (_, e) => { if (e.Data?.StartsWith('{') == true) Interlocked.Increment(ref auditLines); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.Add(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public Uri Url { get; }

    public long AuditLines => Interlocked.Read(ref auditLines);

    public int Pid => process.Id;

    /// <summary>Resident memory now and at its peak (<c>VmRSS</c>, <c>VmHWM</c> of /proc), in bytes.</summary>
    public (long Now, long Peak) Resident()
    {
        long Field(string[] lines, string name) =>
            long.Parse(lines.First(l => l.StartsWith(name, StringComparison.Ordinal))[name.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
        var status = File.ReadAllLines($"/proc/{Pid}/status");
        return (Field(status, "VmRSS:"), Field(status, "VmHWM:"));
    }

    /// <param name="state">Where the cluster state comes from: by default <c>--cluster-state</c> of the examples.</param>
    /// <param name="environment">Extra environment variables (GC settings to compare).</param>
    public static ServeProcess Start(string certFile, string keyFile, TimeSpan shutdownDelay, IReadOnlyList<string>? state = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        var app = Path.Combine(AppContext.BaseDirectory, "strimzi-guard.dll");
        var (port, metrics) = (FreePort(), FreePort());
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Repository.Root,
        };
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) start.Environment[name] = value;
        foreach (var a in new[]
        {
            app, "serve", "--listen", $"https://127.0.0.1:{port}", "--metrics-listen", $"http://127.0.0.1:{metrics}",
            "--tls-cert", certFile, "--tls-key", keyFile,
            "--shutdown-delay", string.Create(CultureInfo.InvariantCulture, $"{shutdownDelay.TotalMilliseconds:0}ms"),
        }.Concat(state ?? ["--cluster-state", Path.Combine(Repository.Root, "manifests", "examples", "cluster-state")])) start.ArgumentList.Add(a);
        return new ServeProcess(Process.Start(start)!, new Uri($"https://127.0.0.1:{port}/"));
    }

    /// <summary>
    /// Waits for <c>/readyz</c> to answer 200 over TLS verified against <paramref name="ca"/>, or against nothing (<paramref name="ca"/>
    /// null): serve against an API server makes and serves its own certificate once it leads, from whichever moment that happens.
    /// </summary>
    public async Task WaitReadyAsync(DevCertificates? ca, TimeSpan? within = null)
    {
        using var client = ca?.CreateClient(TimeSpan.FromSeconds(5)) ?? new HttpClient(new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions { RemoteCertificateValidationCallback = (_, _, _, _) => true },
        }) { Timeout = TimeSpan.FromSeconds(5) };
        var limit = within ?? TimeSpan.FromSeconds(60);
        var deadline = DateTime.UtcNow + limit;
        var said = "";
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited) throw Failed($"serve exited {process.ExitCode} before it was ready");
            try
            {
                using var ready = await client.GetAsync(new Uri(Url, "/readyz"));
                if (ready.StatusCode == HttpStatusCode.OK) return;
                said = (await ready.Content.ReadAsStringAsync()).Trim();
            }
            catch (HttpRequestException e)
            {
                // Not listening yet.
                said = e.InnerException is { } inner ? $"{e.Message} ({inner.Message})" : e.Message;
            }
            await Task.Delay(100);
        }
        throw Failed($"serve was not ready within {limit.TotalSeconds:0} s (/readyz: {said})");
    }

    /// <summary>Waits until a fresh handshake presents <paramref name="expected"/> (the reload checks the files once a second).</summary>
    public async Task WaitServingAsync(X509Certificate2 expected, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (DateTime.UtcNow < deadline)
        {
            if (await PresentedAsync() is { } presented && presented.Thumbprint == expected.Thumbprint) return;
            await Task.Delay(50);
        }
        throw Failed($"serve did not present {expected.Subject} within {within.TotalSeconds:0} s");
    }

    /// <summary>SIGTERM, as the kubelet sends it when a pod is deleted.</summary>
    public void Terminate()
    {
        using var kill = Process.Start("kill", ["-TERM", Pid.ToString(CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }

    public async Task<int> WaitForExitAsync(TimeSpan within)
    {
        using var timeout = new CancellationTokenSource(within);
        await process.WaitForExitAsync(timeout.Token);
        process.WaitForExit(); // drains the redirected streams
        return process.ExitCode;
    }

    public string LogTail(int lines)
    {
        lock (log) return string.Join('\n', log.TakeLast(lines));
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited) process.Kill();
        await process.WaitForExitAsync();
        process.Dispose();
    }

    private async Task<X509Certificate2?> PresentedAsync()
    {
        try
        {
            using var tcp = new TcpClient();
            await tcp.ConnectAsync(Url.Host, Url.Port);
            await using var tls = new SslStream(tcp.GetStream());
            X509Certificate2? presented = null;
            await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
            {
                TargetHost = "localhost",
                RemoteCertificateValidationCallback = (_, c, _, _) => (presented = c is null ? null : X509CertificateLoader.LoadCertificate(c.GetRawCertData())) is not null,
            });
            return presented;
        }
        catch (Exception e) when (e is SocketException or IOException or System.Security.Authentication.AuthenticationException)
        {
            return null;
        }
    }

    private InvalidOperationException Failed(string what) => new($"{what}; its log ends:\n{LogTail(20)}");

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
