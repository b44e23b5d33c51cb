using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace StrimziGuard.Tests.Web;

/// <summary>Keeps every log line (level and message) so tests can check that a failure was reported.</summary>
internal sealed class ListLogger : ILoggerProvider, ILogger
{
    private readonly ConcurrentQueue<(LogLevel Level, string Message)> entries = new();

    public IReadOnlyList<(LogLevel Level, string Message)> Entries => [.. entries];

    public ILogger CreateLogger(string categoryName) => this;

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        entries.Enqueue((logLevel, formatter(state, exception)));

    public void Dispose()
    {
    }
}
