using Microsoft.Extensions.Logging;

namespace DockerGuard.Audit.Pipeline;

/// <summary>Used when the host gives no logger: audit store failures must reach the operator somewhere.</summary>
internal sealed class StderrLogger : ILogger
{
    public static readonly StderrLogger Instance = new();

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
    public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (IsEnabled(logLevel)) Console.Error.WriteLine($"dockerguard audit {logLevel.ToString().ToLowerInvariant()}: {formatter(state, exception)}");
    }
}
