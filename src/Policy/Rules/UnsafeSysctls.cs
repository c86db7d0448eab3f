using System.Collections.Frozen;
using System.Runtime.CompilerServices;
using DockerGuard.Policy.Catalog;
using DockerGuard.Policy.Model;

namespace DockerGuard.Policy.Rules;

/// <summary>
/// unsafe-sysctls: PSS sysctls (baseline), latest list.
/// Fields: spec.securityContext.sysctls[*].name (Kubernetes), HostConfig.Sysctls keys (Docker),
/// linux.sysctl keys (OCI).
/// Allowed: names in <c>allowed</c> (default: the PSS safe set), exact strings as PSS compares them
/// (the slash form "net/ipv4/…" is therefore not on the list). Docker itself writes
/// net.ipv4.ip_unprivileged_port_start and net.ipv4.ping_group_range into every OCI config; both are safe.
/// </summary>
public sealed class UnsafeSysctls : Rule<UnsafeSysctls.Settings>
{
    public sealed record Settings(FrozenSet<string> Allowed);

    /// <summary>pod-security-admission check_sysctls.go, newest version (v1.0 … v1.37).</summary>
    public static readonly string[] Safe =
    [
        "kernel.shm_rmid_forced",
        "net.ipv4.ip_local_port_range",
        "net.ipv4.tcp_syncookies",
        "net.ipv4.ping_group_range",
        "net.ipv4.ip_unprivileged_port_start",
        "net.ipv4.ip_local_reserved_ports",
        "net.ipv4.tcp_keepalive_time",
        "net.ipv4.tcp_fin_timeout",
        "net.ipv4.tcp_keepalive_intvl",
        "net.ipv4.tcp_keepalive_probes",
        "net.ipv4.tcp_rmem",
        "net.ipv4.tcp_wmem",
        "net.ipv4.tcp_slow_start_after_idle",
        "net.ipv4.tcp_notsent_lowat",
    ];

    [ModuleInitializer]
    internal static void Register() => RuleCatalog.Register(new UnsafeSysctls());

    public override RuleInfo Info { get; } = new()
    {
        Id = "unsafe-sysctls",
        Title = "Set only namespaced, safe sysctls",
        Rationale = "Sysctls outside the safe set either reach the whole host kernel or let one workload starve or weaken the node (kernel.msg*, net.core.*, kernel.core_pattern is a host root exploit); PSS baseline allows only the ones isolated per pod.",
        Remediation = "remove the sysctl, or allow it in the policy after review",
        References = new() { PssCheck = "sysctls", PssLevel = PssLevel.Baseline },
        Parameters = [ParameterSpec.List("allowed", Safe, "sysctl names that may be set (exact names)")],
    };

    protected override Settings ReadSettings(RuleParameters parameters) =>
        new(parameters.GetList("allowed").ToFrozenSet(StringComparer.Ordinal));

    protected override void Check(WorkloadRequest request, Settings settings, ViolationSink sink)
    {
        foreach (var s in request.Sandbox.Sysctls)
            if (!settings.Allowed.Contains(s.Name))
                sink.Add(s.Path, $"sysctl {s.Name}");
    }
}
