using DockerGuard.OciHook.Install;

namespace DockerGuard.Cli.Commands;

/// <summary><c>dockerguard hook uninstall</c>: the hooks.d entries first, then the binaries (the reverse of install).</summary>
public sealed class HookUninstallCommand : ICliCommand
{
    public IReadOnlyList<string> Words { get; } = ["hook", "uninstall"];
    public string Summary => "remove the OCI runtime hook's hooks.d entries, then its binaries";
    // The hook, its paths and hooks.d exist only on Linux; the command table itself stays cross-platform.
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public string Usage => $"""
        dockerguard hook uninstall [--prefix DIR] [--hooks-dir DIR]...
          the same --prefix and --hooks-dir given to install. Remove the dockerguard runtime from daemon.json
          (runtimes, default-runtime) and restart dockerd BEFORE this, or Docker cannot start containers.
        """;

    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public Task<int> RunAsync(string[] args, CliContext context, CancellationToken cancellationToken)
    {
        var a = CliArgs.Parse(args);
        var prefix = a.Option("prefix", HookDefinition.DefaultBinaryDirectory);
        var hooksDirs = a.Options("hooks-dir");
        a.RejectUnknown();
        var removed = HookInstaller.Uninstall(new HookInstallation
        {
            SourceDirectory = "",
            BinaryDirectory = Path.GetFullPath(prefix),
            HooksDirectories = hooksDirs.Count > 0 ? [.. hooksDirs.Select(Path.GetFullPath)] : HookInstallation.DefaultHooksDirectories,
        });
        foreach (var line in removed) context.Out.WriteLine(line);
        if (removed.Count == 0) context.Out.WriteLine("nothing to remove");
        return Task.FromResult(ExitCodes.Ok);
    }
}
