using System.Reflection;

namespace DockerGuard.Cli.Commands;

public sealed class VersionCommand : ICliCommand
{
    public IReadOnlyList<string> Words { get; } = ["version"];
    public string Summary => "print DockerGuard's version";
    public string Usage => "dockerguard version";

    public Task<int> RunAsync(string[] args, CliContext context, CancellationToken cancellationToken)
    {
        CliArgs.Parse(args).RejectUnknown();
        var version = typeof(VersionCommand).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";
        context.Out.WriteLine($"dockerguard {version}");
        return Task.FromResult(ExitCodes.Ok);
    }
}
