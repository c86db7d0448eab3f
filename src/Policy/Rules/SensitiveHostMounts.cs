using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using DockerGuard.Policy.Catalog;
using DockerGuard.Policy.Model;
using DockerGuard.Policy.Rules.Support;

namespace DockerGuard.Policy.Rules;

/// <summary>
/// sensitive-host-mounts: no host path mount of a sensitive host directory.
/// Fields: HostConfig.Binds[] and HostConfig.Mounts[] of type bind (Docker), hostPath volumes and
/// the volumeMounts that use them (Kubernetes), mounts[] of type bind (OCI).
/// Denied: a source that, after path cleaning and /var/run → /run, IS an entry of <c>paths</c>,
/// lies UNDER one ("/" matches only itself), or CONTAINS one (/var exposes /var/lib/docker).
/// Read-only mounts are denied too: reading is enough to take /etc/shadow, SSH host keys,
/// kubelet credentials or the Docker daemon's TLS keys.
/// </summary>
public sealed class SensitiveHostMounts : Rule<SensitiveHostMounts.Settings>
{
    public sealed record Settings(ImmutableArray<string> Paths);

    /// <summary>docker-bench's list plus the runtimes' own state (docker-authz.md §8).</summary>
    public static readonly string[] DefaultPaths =
    [
        "/", "/boot", "/dev", "/etc", "/lib", "/proc", "/sys", "/usr",
        "/var/lib/docker", "/run/containerd", "/etc/docker", "/run/docker/plugins",
    ];

    [ModuleInitializer]
    internal static void Register() => RuleCatalog.Register(new SensitiveHostMounts());

    public override RuleInfo Info { get; } = new()
    {
        Id = "sensitive-host-mounts",
        Title = "Do not mount sensitive host directories",
        Rationale = "Mounting the host's system directories hands the container the host: writable /etc or /usr means host code execution, /proc and /sys reach the kernel, /var/lib/docker and /run/containerd hold every other container. Read-only does not help: reading /etc/shadow, host keys or daemon credentials is enough.",
        Remediation = "mount only the application's own data directory, or use a named volume",
        References = new() { CisV12 = "5.5", CisV16 = "5.6", Stig = "V-235783" },
        Parameters =
        [
            ParameterSpec.List("paths", DefaultPaths, "host directories a container may not mount, nor any path under or above them (\"/\" matches only itself)"),
        ],
    };

    protected override Settings ReadSettings(RuleParameters parameters) =>
        new([.. parameters.GetList("paths").Select(HostPath.Normalize).Distinct(StringComparer.Ordinal)]);

    protected override void Check(WorkloadRequest request, Settings settings, ViolationSink sink)
    {
        foreach (var s in HostPathSource.In(request))
        {
            foreach (var sensitive in settings.Paths)
            {
                if (Exposes(s.Source, sensitive) is not { } how) continue;
                sink.Add(s.Container, s.FieldPath, how == Exposure.Contains ? $"{s.Describe()} exposes {sensitive}" : s.Describe());
                break;
            }
        }
    }

    private enum Exposure { Is, Under, Contains }

    private static Exposure? Exposes(string source, string sensitive)
    {
        if (string.Equals(source, sensitive, StringComparison.Ordinal)) return Exposure.Is;
        // Everything lies under "/": listing it means "the whole root", not "any path".
        if (sensitive != "/" && HostPath.IsUnder(source, sensitive)) return Exposure.Under;
        if (HostPath.IsUnder(sensitive, source)) return Exposure.Contains;
        return null;
    }
}
