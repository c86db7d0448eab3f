using DockerGuard.OciHook.Hook;
using DockerGuard.OciHook.Install;

namespace DockerGuard.Cli.Commands;

/// <summary>
/// <c>dockerguard hook install</c>: the OCI hook binary first, then its hooks.d entries (podman, CRI-O, the
/// containerd NRI hook-injector), and for Docker the runc wrapper plus the daemon.json runtime. docs/oci.md.
/// </summary>
public sealed class HookInstallCommand : ICliCommand
{
    public IReadOnlyList<string> Words { get; } = ["hook", "install"];
    public string Summary => "install the OCI runtime hook (podman, CRI-O, containerd NRI, Docker runtime wrapper)";
    // The hook, its paths and hooks.d exist only on Linux; the command table itself stays cross-platform.
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public string Usage => $"""
        dockerguard hook install [--from DIR] [--prefix DIR] [--hooks-dir DIR]... [--policy-dir DIR]
                                 [--on-error deny|allow] [--audit jsonl:PATH|off] [--audit-sync normal|full] [--docker [--daemon-json FILE]] [--nri]
          --from DIR        where the published dockerguard-oci-hook (and dockerguard-runc) are; default: next to dockerguard
          --prefix DIR      where the binaries go; default {HookDefinition.DefaultBinaryDirectory}
          --hooks-dir DIR   a hooks.d directory to write {HookDefinition.FileName} into (repeatable);
                            default {string.Join(" and ", HookInstallation.DefaultHooksDirectories)}
          --policy-dir DIR  the policy directory the hook enforces (checked now); default: the built-in catalogue
          --on-error        what unreadable or malformed runtime input does: deny (default) or allow
          --audit           where decisions are appended; default jsonl:{HookSettings.DefaultAuditSpillPath}
          --audit-sync      normal (default): a decision's line survives a killed process; full: fdatasync'd, it
                            survives power loss too (about 1-3 ms more per container create)
          --docker          also install dockerguard-runc and print the daemon.json runtime settings
          --daemon-json F   merge those settings into F (e.g. {DockerDaemonConfig.DefaultPath}); restart dockerd after
          --nri             print the containerd steps that run the NRI hook-injector over hooks.d
        The binaries are installed before the hooks.d entries: an entry whose binary is missing is skipped silently.
        """;

    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public Task<int> RunAsync(string[] args, CliContext context, CancellationToken cancellationToken)
    {
        var a = CliArgs.Parse(args, "docker", "nri");
        var from = a.Option("from", AppContext.BaseDirectory);
        var prefix = a.Option("prefix", HookDefinition.DefaultBinaryDirectory);
        var hooksDirs = a.Options("hooks-dir");
        var policyDir = a.Option("policy-dir");
        var onError = a.Option("on-error", "deny");
        var audit = a.Option("audit", "jsonl:" + HookSettings.DefaultAuditSpillPath);
        var auditSync = a.Option("audit-sync");
        var docker = a.Flag("docker");
        var daemonJson = a.Option("daemon-json");
        var nri = a.Flag("nri");
        a.RejectUnknown();
        if (a.Positionals.Count > 0) throw new CliUsageException($"unexpected argument '{a.Positionals[0]}'");
        if (daemonJson is not null && !docker) throw new CliUsageException("--daemon-json needs --docker");

        string[] settings =
        [
            $"{HookSettings.OnErrorVariable}={onError}", $"{HookSettings.AuditVariable}={audit}",
            .. policyDir is null ? Array.Empty<string>() : [$"{HookSettings.PolicyVariable}={Path.GetFullPath(policyDir)}"],
            .. auditSync is null ? Array.Empty<string>() : [$"{HookSettings.AuditSyncVariable}={auditSync}"],
        ];
        try
        {
            // The hook's own code checks the values and loads the policy, so install never writes an entry the hook would refuse.
            HookPolicy.Load(HookSettings.FromEnvironment(name => settings.Select(s => s.Split('=', 2)).FirstOrDefault(p => p[0] == name)?[1]));
        }
        catch (HookSetupException e)
        {
            throw new CliUsageException(e.Message.Replace(HookSettings.OnErrorVariable + "=", "--on-error ")
                .Replace(HookSettings.AuditSyncVariable + "=", "--audit-sync ").Replace(HookSettings.AuditVariable + "=", "--audit ").Replace(HookSettings.PolicyVariable + "=", "--policy-dir "));
        }

        var plan = new HookInstallation
        {
            SourceDirectory = Path.GetFullPath(from),
            BinaryDirectory = Path.GetFullPath(prefix),
            HooksDirectories = hooksDirs.Count > 0 ? [.. hooksDirs.Select(Path.GetFullPath)] : HookInstallation.DefaultHooksDirectories,
            Settings = settings,
            Docker = docker,
        };
        try
        {
            foreach (var line in HookInstaller.Install(plan)) context.Out.WriteLine(line);
            if (docker) Docker(plan, daemonJson, context);
        }
        catch (FileNotFoundException e)
        {
            context.Error.WriteLine($"dockerguard: {e.Message}");
            return Task.FromResult(ExitCodes.BadInput);
        }
        catch (OciHook.Translation.OciInputException e)
        {
            context.Error.WriteLine($"dockerguard: {e.Message}");
            return Task.FromResult(ExitCodes.BadInput);
        }
        if (nri) context.Out.Write(NriSteps);
        return Task.FromResult(ExitCodes.Ok);
    }

    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    private static void Docker(HookInstallation plan, string? daemonJson, CliContext context)
    {
        if (!plan.HooksDirectories.Contains(HookDefinition.DefaultDirectory))
            context.Out.WriteLine($"note: dockerguard-runc reads {Path.Combine(HookDefinition.DefaultDirectory, HookDefinition.FileName)}; " +
                $"with other hooks dirs, set {OciHook.Wrapper.RuncWrapper.DefinitionVariable} in dockerd's environment");
        if (daemonJson is null)
        {
            context.Out.WriteLine($"add to {DockerDaemonConfig.DefaultPath} (then restart dockerd):");
            context.Out.Write(DockerDaemonConfig.Snippet(plan.WrapperPath));
            return;
        }
        var existing = File.Exists(daemonJson) ? File.ReadAllText(daemonJson) : null;
        var merged = DockerDaemonConfig.Merge(existing, plan.WrapperPath);
        AtomicFile.Write(daemonJson, System.Text.Encoding.UTF8.GetBytes(merged), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        context.Out.WriteLine($"wrote {Path.GetFullPath(daemonJson)} (restart dockerd to apply: systemctl restart docker)");
    }

    private const string NriSteps = """
        containerd: the NRI hook-injector applies the hooks.d entry above to every container.
          1. enable NRI (on by default in containerd 2.0; 1.7 needs it in /etc/containerd/config.toml):
               [plugins."io.containerd.nri.v1.nri"]
                 disable = false
          2. put containerd/nri's hook-injector where NRI starts plugins, e.g.
               install -m 0755 hook-injector /opt/nri/plugins/10-hook-injector
          3. systemctl restart containerd
        """ + "\n";
}
