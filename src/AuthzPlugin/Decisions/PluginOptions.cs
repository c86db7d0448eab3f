using DockerGuard.AuthzPlugin.Translation;

namespace DockerGuard.AuthzPlugin.Decisions;

/// <summary>What the plugin does when it cannot decide.</summary>
public enum FailureMode
{
    /// <summary>200 with Allow:false and a message: the client sees a 403 that names DockerGuard (default).</summary>
    Deny,
    /// <summary>500 with Err: dockerd reports "plugin failed with error" (a 500 to the client); also refuses.</summary>
    Error,
}

/// <summary>Settings of the authorization plugin server.</summary>
public sealed record PluginOptions
{
    public const string DefaultSocketPath = "/run/docker/plugins/dockerguard.sock";

    public string SocketPath { get; init; } = DefaultSocketPath;
    /// <summary>
    /// Largest AuthZ message accepted. dockerd (≥ 29.3.1, CVE-2026-34040) forwards request bodies up to
    /// 4 MiB; base64 adds a third and the envelope a little: 6 MiB leaves margin. Larger messages are
    /// denied without being read.
    /// </summary>
    public long MaxMessageBytes { get; init; } = 6L * 1024 * 1024;
    public FailureMode FailureMode { get; init; } = FailureMode.Deny;
    public DaemonDefaults Daemon { get; init; } = DaemonDefaults.ForThisHost;
    /// <summary>How long a decision waits for its audit record before refusing (dockerd itself never times out a legacy plugin).</summary>
    public TimeSpan AuditTimeout { get; init; } = TimeSpan.FromSeconds(2);
    /// <summary>Containers remembered for exec user inheritance, VolumesFrom and updates.</summary>
    public int RememberedContainers { get; init; } = 4096;
}
