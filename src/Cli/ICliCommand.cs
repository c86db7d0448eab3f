namespace DockerGuard.Cli;

/// <summary>
/// One command of <c>dockerguard</c>, named by one or more words (<c>policy test</c>, <c>serve</c>).
/// Each lives in its own file under <c>Commands/</c> and is listed once in <see cref="CommandTable"/>.
/// </summary>
public interface ICliCommand
{
    /// <summary>The words that select the command, e.g. ["policy", "test"].</summary>
    IReadOnlyList<string> Words { get; }
    string Summary { get; }
    /// <summary>Usage text shown by <c>dockerguard help &lt;command&gt;</c> and on usage errors.</summary>
    string Usage { get; }
    /// <param name="args">The arguments after the command words; parse them with <see cref="CliArgs.Parse"/> naming the flags.</param>
    Task<int> RunAsync(string[] args, CliContext context, CancellationToken cancellationToken);
}

/// <summary>Where a command writes; tests capture these instead of the console.</summary>
public sealed record CliContext(TextWriter Out, TextWriter Error)
{
    public static CliContext Console => new(System.Console.Out, System.Console.Error);

    /// <summary>A long-running server's log line ("dockerguard serve: …"), whole and flushed: reload watchers write from other threads.</summary>
    public Action<string> ServerLog(string prefix) => line =>
    {
        lock (Out)
        {
            Out.WriteLine($"{prefix}: {line}");
            Out.Flush();
        }
    };
}

/// <summary>Exit codes CI pipelines can rely on.</summary>
public static class ExitCodes
{
    public const int Ok = 0;
    /// <summary>The check ran and found problems (failing policy tests, lint errors, denials).</summary>
    public const int Failed = 1;
    /// <summary>The command line was wrong.</summary>
    public const int Usage = 2;
    /// <summary>Input could not be read or parsed (missing directory, broken YAML).</summary>
    public const int BadInput = 3;
    /// <summary>Something unexpected went wrong inside DockerGuard.</summary>
    public const int Internal = 70;
}
