using DockerGuard.Policy.Model;

namespace DockerGuard.AuthzPlugin.Translation;

/// <summary>
/// What the guarded daemon does when a request leaves a setting empty. These are daemon flags the
/// plugin cannot see (reference §10), so they are configured: an empty CgroupnsMode takes
/// <c>--default-cgroupns-mode</c> (host on cgroup v1 hosts, private on v2); an empty UsernsMode is
/// the host's user namespace unless the daemon runs with <c>--userns-remap</c>.
/// </summary>
public sealed record DaemonDefaults
{
    public static readonly DaemonDefaults ForThisHost = new() { CgroupnsMode = File.Exists("/sys/fs/cgroup/cgroup.controllers") ? NamespaceMode.Private : NamespaceMode.Host };

    public NamespaceMode CgroupnsMode { get; init; } = NamespaceMode.Private;
    public bool UsernsRemap { get; init; }
}
