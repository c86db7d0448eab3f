using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace DockerGuard.Audit.Tests.Support;

/// <summary>Keeps every log line (with its exception text) so tests can read what an operator would see.</summary>
public sealed class CapturingLogger : ILogger
{
    public ConcurrentQueue<(LogLevel Level, string Text)> Lines { get; } = new();
    public string All => string.Join('\n', Lines.Select(l => $"{l.Level}: {l.Text}"));

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        Lines.Enqueue((logLevel, formatter(state, exception) + (exception is null ? "" : " | " + exception)));
}
