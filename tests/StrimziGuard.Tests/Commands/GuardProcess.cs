using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using StrimziGuard.Tests.Web;

namespace StrimziGuard.Tests.Commands;

/// <summary>
/// strimzi-guard in its own process, as a user runs it: the built <c>strimzi-guard.dll</c> with the environment given, and no proxy or
/// in-cluster variable leaking in from the test's own environment.
/// </summary>
internal static class GuardProcess
{
    public static Process Start(string workingDirectory, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = workingDirectory };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "strimzi-guard.dll"));
        foreach (var a in args) start.ArgumentList.Add(a);
        foreach (var (name, value) in environment) start.Environment[name] = value;
        foreach (var variable in new[] { "HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy", "KUBERNETES_SERVICE_HOST" }) start.Environment.Remove(variable);
        return Process.Start(start)!;
    }

    /// <summary>
    /// Lets a started <c>serve</c> run until <paramref name="done"/> holds (failing if the process exits first), then kills it.
    /// Returns what it wrote to stderr, its log.
    /// </summary>
    public static async Task<string> ServeUntilAsync(Process process, Func<bool> done, string what, TimeSpan timeout)
    {
        var error = process.StandardError.ReadToEndAsync();
        _ = process.StandardOutput.ReadToEndAsync();
        try
        {
            await Eventually.True(() => done() || process.HasExited, what, timeout);
            Assert.False(process.HasExited, "serve stopped");
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        return await error;
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
