using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace StrimziGuard.Kubernetes.Tests;

/// <summary>Keeps every log line with its event id, so tests can count the agent-port controller's writes and audit findings.</summary>
internal sealed class AgentPortLogLines : ILogger
{
    private readonly ConcurrentQueue<(int EventId, string Message)> lines = new();

    public IReadOnlyList<string> Messages(int eventId) => lines.Where(l => l.EventId == eventId).Select(l => l.Message).ToArray();

    public void Clear() => lines.Clear();

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        lines.Enqueue((eventId.Id, formatter(state, exception)));
}
