using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using DockerGuard.Policy.Catalog;
using DockerGuard.Policy.Model;
using DockerGuard.Policy.Rules.Support;

namespace DockerGuard.Policy.Rules;

/// <summary>
/// docker-socket-mount: no container may reach a container runtime's API socket.
/// Fields: HostConfig.Binds[] and HostConfig.Mounts[] of type bind (Docker), hostPath volumes and
/// their volumeMounts (Kubernetes), mounts[] of type bind (OCI).
/// Denied: a source that, after path cleaning and /var/run → /run, is an entry of <c>sockets</c>,
/// is a directory containing one (/run, /run/containerd, /var/run/docker…), or is any file named
/// as in <c>socketNames</c> (rootless and relocated daemons put docker.sock anywhere).
/// </summary>
public sealed class DockerSocketMount : Rule<DockerSocketMount.Settings>
{
    public sealed record Settings(ImmutableArray<string> Sockets, FrozenSet<string> Names);

    public static readonly string[] DefaultSockets =
    [
        "/run/docker.sock",
        "/run/containerd/containerd.sock",
        // dockerd's own containerd (18.09+): reached through /run/docker.
        "/run/docker/containerd/containerd.sock",
        "/run/crio/crio.sock",
        "/run/podman/podman.sock",
    ];

    public static readonly string[] DefaultNames = ["docker.sock", "containerd.sock", "crio.sock", "podman.sock"];

    [ModuleInitializer]
    internal static void Register() => RuleCatalog.Register(new DockerSocketMount());

    public override RuleInfo Info { get; } = new()
    {
        Id = "docker-socket-mount",
        Title = "Do not mount a container runtime socket",
        Rationale = "Whoever can talk to the Docker, containerd, CRI-O or podman socket can start a privileged container with the host's root filesystem mounted: the socket is root on the host, read-only mount or not (a socket is written by connecting, not by the mount's mode).",
        Remediation = "remove the socket mount; give the workload a narrowly scoped API proxy instead",
        References = new() { CisV12 = "5.31", CisV16 = "5.32", Stig = "V-235818" },
        Parameters =
        [
            ParameterSpec.List("sockets", DefaultSockets, "runtime API sockets; mounting one or a directory that contains one is denied (/var/run is read as /run)"),
            ParameterSpec.List("socketNames", DefaultNames, "socket file names denied wherever they are mounted from"),
        ],
    };

    protected override Settings ReadSettings(RuleParameters parameters) => new(
        [.. parameters.GetList("sockets").Select(HostPath.Normalize).Distinct(StringComparer.Ordinal)],
        parameters.GetList("socketNames").ToFrozenSet(StringComparer.Ordinal));

    protected override void Check(WorkloadRequest request, Settings settings, ViolationSink sink)
    {
        foreach (var s in HostPathSource.In(request))
        {
            if (Contained(s.Source, settings.Sockets) is { } socket)
                sink.Add(s.Container, s.FieldPath, $"{s.Describe()} exposes {socket}");
            else if (IsSocket(s.Source, settings))
                sink.Add(s.Container, s.FieldPath, $"{s.Describe()} (runtime socket)");
        }
    }

    private static bool IsSocket(string source, Settings settings)
    {
        if (settings.Sockets.Contains(source)) return true;
        var name = source.AsSpan(source.LastIndexOf('/') + 1);
        return settings.Names.GetAlternateLookup<ReadOnlySpan<char>>().Contains(name);
    }

    /// <summary>The first socket that lies below the mounted directory.</summary>
    private static string? Contained(string source, ImmutableArray<string> sockets)
    {
        foreach (var socket in sockets)
            if (HostPath.IsUnder(socket, source)) return socket;
        return null;
    }
}
