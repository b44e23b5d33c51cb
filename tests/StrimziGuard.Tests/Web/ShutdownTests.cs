using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace StrimziGuard.Tests.Web;

public sealed class ShutdownTests
{
    [Fact]
    public async Task Shutdown_stops_accepting_and_finishes_a_review_that_is_in_flight()
    {
        await using var server = await TestServer.StartAsync(s => s with { ShutdownTimeout = TimeSpan.FromSeconds(30) });
        var body = await File.ReadAllBytesAsync(Path.Combine(TestServer.Reviews, "kafka-create-compliant.json"));
        await using var connection = await RawConnection.OpenAsync(server);

        // Headers and half the body: the review is now in flight, its handler waiting for the rest.
        await connection.WriteAsync(Encoding.ASCII.GetBytes(
            $"POST /validate/cert-lifetime HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: {body.Length}\r\n\r\n"));
        await connection.WriteAsync(body.AsMemory(0, body.Length / 2));
        await Eventually.True(() => server.Server.Metrics.InFlight == 1, "the review to be in flight");

        var stopping = server.Server.StopAsync();
        var lifetime = server.Server.Services.GetRequiredService<IHostApplicationLifetime>();
        await Eventually.True(() => lifetime.ApplicationStopping.IsCancellationRequested, "shutdown to begin");
        await Eventually.True(() => !server.CanConnect(), "the listener to stop accepting");

        await connection.WriteAsync(body.AsMemory(body.Length / 2));
        var response = await connection.ReadResponseAsync();

        Assert.StartsWith("HTTP/1.1 200", response);
        Assert.Contains("\"uid\":\"", response);
        Assert.Contains("\"allowed\":true", response);
        await stopping.WaitAsync(Eventually.Deadline);
    }

    [Fact]
    public async Task Shutdown_gives_up_on_a_stuck_request_after_the_shutdown_timeout()
    {
        await using var server = await TestServer.StartAsync(s => s with { ShutdownTimeout = TimeSpan.FromMilliseconds(300), RequestTimeout = TimeSpan.FromSeconds(60) });
        await using var connection = await RawConnection.OpenAsync(server);
        await connection.WriteAsync(Encoding.ASCII.GetBytes(
            "POST /validate/cert-lifetime HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"));
        await Eventually.True(() => server.Server.Metrics.InFlight == 1, "the review to be in flight");

        var started = DateTime.UtcNow;
        await server.Server.StopAsync().WaitAsync(Eventually.Deadline);
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(10), "shutdown was not bounded");
    }
}
