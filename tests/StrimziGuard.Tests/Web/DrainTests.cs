using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace StrimziGuard.Tests.Web;

/// <summary>
/// The drain between SIGTERM and closing the listener (serve's --shutdown-delay): the endpoints of a terminating pod are updated only
/// after a few seconds, and reviews routed here meanwhile must still be answered, each on a connection that then closes.
/// </summary>
public sealed class DrainTests
{
    private static readonly TimeSpan Delay = TimeSpan.FromSeconds(1.5);

    [Fact]
    public async Task During_the_drain_reviews_are_answered_with_connection_close_and_readyz_says_shutting_down()
    {
        await using var server = await TestServer.StartAsync(s => s with { ShutdownDelay = Delay, ShutdownTimeout = TimeSpan.FromSeconds(30) });
        var body = await File.ReadAllBytesAsync(Path.Combine(TestServer.Reviews, "kafka-create-compliant.json"));
        // A keep-alive connection from before shutdown, as the API server holds them.
        using (var before = await server.PostAsync("/validate/cert-lifetime", body)) Assert.False(before.Headers.ConnectionClose ?? false);

        var clock = Stopwatch.StartNew();
        var stopping = server.Server.StopAsync();
        using var ready = await server.Client.GetAsync(server.Url("/readyz"));
        var readyText = await ready.Content.ReadAsStringAsync();
        Assert.Equal(503, (int)ready.StatusCode);
        Assert.Contains("not ready: shutting down", readyText);

        // On the pooled connection and on a fresh one: answered in full, and told to reconnect (elsewhere).
        using var pooled = await server.PostAsync("/validate/cert-lifetime", body);
        using var fresh = await FreshClient(server).PostAsync(server.Url("/validate/cert-lifetime"), Json(body));
        foreach (var answer in new[] { pooled, fresh })
        {
            Assert.Equal(200, (int)answer.StatusCode);
            Assert.Contains("\"allowed\":true", await answer.Content.ReadAsStringAsync());
            Assert.True(answer.Headers.ConnectionClose, "a response during the drain must close its connection");
        }
        Assert.True(clock.Elapsed < Delay, "the drain ended before the checks ran; they proved nothing (machine too slow?)");

        await stopping.WaitAsync(Eventually.Deadline);
        Assert.True(clock.Elapsed >= Delay, $"the listener closed after {clock.Elapsed}, before the {Delay} drain");
        Assert.False(server.CanConnect(), "the listener still accepts after the drain");
        var log = server.Logs.GetSnapshot().Select(e => e.Message).ToList();
        Assert.Contains(log, m => m.StartsWith("Shutting down: still answering for 1.5 s", StringComparison.Ordinal));
        Assert.Contains(log, m => m.StartsWith("Shutting down: drain over", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_signal_drains_once_although_the_host_is_stopped_twice()
    {
        await using var server = await TestServer.StartAsync(s => s with { ShutdownDelay = Delay, ShutdownTimeout = TimeSpan.FromSeconds(30) });
        var lifetime = server.Server.Services.GetRequiredService<IHostApplicationLifetime>();
        var clock = Stopwatch.StartNew();

        // What SIGTERM does in serve: the lifetime stops the host, then WaitForShutdownAsync stops the server (and the host) again.
        lifetime.StopApplication();
        await server.Server.WaitForShutdownAsync().WaitAsync(Eventually.Deadline);

        Assert.True(clock.Elapsed < Delay * 2, $"shutdown took {clock.Elapsed}: the {Delay} drain ran twice");
        Assert.Single(server.Logs.GetSnapshot(), e => e.Message.StartsWith("Shutting down: still answering", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Without_a_drain_the_listener_closes_at_once()
    {
        await using var server = await TestServer.StartAsync(s => s with { ShutdownDelay = TimeSpan.Zero });
        var clock = Stopwatch.StartNew();
        await server.Server.StopAsync().WaitAsync(Eventually.Deadline);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), $"stopping took {clock.Elapsed}");
        Assert.False(server.CanConnect());
        Assert.DoesNotContain(server.Logs.GetSnapshot(), e => e.Message.StartsWith("Shutting down: still answering", StringComparison.Ordinal));
    }

    private static HttpClient FreshClient(TestServer server) => server.Certs.CreateClient(TimeSpan.FromSeconds(30));

    private static ByteArrayContent Json(byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new("application/json");
        return content;
    }

}
