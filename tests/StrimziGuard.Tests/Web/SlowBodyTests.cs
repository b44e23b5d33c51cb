using System.Text;

namespace StrimziGuard.Tests.Web;

public sealed class SlowBodyTests
{
    [Fact]
    public async Task A_body_that_stops_arriving_is_answered_408_within_the_request_timeout_and_later_reviews_are_judged()
    {
        await using var server = await TestServer.StartAsync(s => s with { RequestTimeout = TimeSpan.FromSeconds(1) });
        var body = await File.ReadAllBytesAsync(Path.Combine(TestServer.Reviews, "kafka-create-compliant.json"));

        for (var round = 0; round < 2; round++)
        {
            await using (var stalled = await RawConnection.OpenAsync(server))
            {
                await stalled.WriteAsync(Encoding.ASCII.GetBytes(
                    $"POST /validate/cert-lifetime HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: {body.Length}\r\n\r\n"));
                await stalled.WriteAsync(body.AsMemory(0, body.Length / 2));

                var response = await stalled.ReadResponseAsync();

                Assert.StartsWith("HTTP/1.1 408", response);
                Assert.Contains("the request body did not arrive within 1 s", response);
            }
            // Reviews whose bodies come in pieces, each read under a deadline: none may inherit the one that fired.
            for (var i = 0; i < 20; i++)
            {
                await using var piecemeal = await RawConnection.OpenAsync(server);
                await piecemeal.WriteAsync(Encoding.ASCII.GetBytes(
                    $"POST /validate/cert-lifetime HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: {body.Length}\r\n\r\n"));
                await piecemeal.WriteAsync(body.AsMemory(0, body.Length / 2));
                await Task.Delay(5);
                await piecemeal.WriteAsync(body.AsMemory(body.Length / 2));

                Assert.StartsWith("HTTP/1.1 200", await piecemeal.ReadResponseAsync());
            }
        }
    }

    [Fact]
    public async Task A_client_that_hangs_up_half_way_through_a_body_leaves_the_server_answering()
    {
        await using var server = await TestServer.StartAsync(s => s with { RequestTimeout = TimeSpan.FromSeconds(30) });
        var body = await File.ReadAllBytesAsync(Path.Combine(TestServer.Reviews, "kafka-create-compliant.json"));
        await using (var leaving = await RawConnection.OpenAsync(server))
        {
            await leaving.WriteAsync(Encoding.ASCII.GetBytes(
                $"POST /validate/cert-lifetime HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: {body.Length}\r\n\r\n"));
            await leaving.WriteAsync(body.AsMemory(0, body.Length / 2));
            await Eventually.True(() => server.Server.Metrics.InFlight == 1, "the review to be in flight");
        }

        await Eventually.True(() => server.Server.Metrics.InFlight == 0, "the abandoned review to end");
        var answer = await server.PostAsync("/validate/cert-lifetime", body);
        Assert.True(answer.IsSuccessStatusCode);
    }
}
