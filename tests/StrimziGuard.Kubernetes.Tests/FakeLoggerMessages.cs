using Microsoft.Extensions.Logging.Testing;

namespace StrimziGuard.Kubernetes.Tests;

internal static class FakeLoggerMessages
{
    /// <summary>The messages logged with <paramref name="eventId"/>, in order: how tests count the agent-port controller's writes and findings.</summary>
    public static IReadOnlyList<string> Messages(this FakeLogger log, int eventId) =>
        log.Collector.GetSnapshot().Where(r => r.Id.Id == eventId).Select(r => r.Message).ToArray();
}
