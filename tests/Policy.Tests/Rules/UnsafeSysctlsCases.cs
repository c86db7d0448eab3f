using DockerGuard.Policy.Model;
using DockerGuard.Policy.Tests.Support;

namespace DockerGuard.Policy.Tests.Rules;

public sealed class UnsafeSysctlsCases : RuleCases
{
    public override string RuleId => "unsafe-sysctls";

    private static Func<Sandbox, Sandbox> Sysctls(string pathPrefix, params string[] names) =>
        s => s with { Sysctls = [.. names.Select((n, i) => new Sysctl(n, "1", pathPrefix.Contains('[') ? string.Format(pathPrefix, i) : $"{pathPrefix}.{n}"))] };

    public override IEnumerable<RuleCase> Deny =>
    [
        new("docker --sysctl kernel.msgmax", Requests.Docker(sandbox: Sysctls("HostConfig.Sysctls", "kernel.msgmax")), "HostConfig.Sysctls.kernel.msgmax"),
        new("docker net.ipv4.ip_forward", Requests.Docker(sandbox: Sysctls("HostConfig.Sysctls", "net.ipv4.ip_forward")), "HostConfig.Sysctls.net.ipv4.ip_forward"),
        new("pod kernel.core_pattern", Requests.Pod(sandbox: Sysctls("spec.securityContext.sysctls[{0}].name", "kernel.core_pattern")), "spec.securityContext.sysctls[0].name"),
        new("pod second sysctl unsafe", Requests.Pod(sandbox: Sysctls("spec.securityContext.sysctls[{0}].name", "net.ipv4.tcp_syncookies", "net.core.somaxconn")), "spec.securityContext.sysctls[1].name"),
        new("slash form is not on the PSS list", Requests.Pod(sandbox: Sysctls("spec.securityContext.sysctls[{0}].name", "net/ipv4/ip_local_port_range")), "spec.securityContext.sysctls[0].name"),
        new("upper case is another name", Requests.Pod(sandbox: Sysctls("spec.securityContext.sysctls[{0}].name", "KERNEL.SHM_RMID_FORCED")), "spec.securityContext.sysctls[0].name"),
        new("oci linux.sysctl kernel.shmmax", Requests.Oci(sandbox: Sysctls("linux.sysctl", "kernel.shmmax")), "linux.sysctl.kernel.shmmax"),
        new RuleCase("a safe sysctl the policy does not allow", Requests.Docker(sandbox: Sysctls("HostConfig.Sysctls", "net.ipv4.tcp_rmem")), "HostConfig.Sysctls.net.ipv4.tcp_rmem")
            .With("allowed", new[] { "kernel.shm_rmid_forced" }),
    ];

    public override IEnumerable<RuleCase> Allow =>
    [
        new("docker default", Requests.Docker()),
        new("pod default", Requests.Pod()),
        new("oci default", Requests.Oci()),
        new("every safe sysctl", Requests.Pod(sandbox: Sysctls("spec.securityContext.sysctls[{0}].name",
            "kernel.shm_rmid_forced", "net.ipv4.ip_local_port_range", "net.ipv4.tcp_syncookies", "net.ipv4.ping_group_range",
            "net.ipv4.ip_unprivileged_port_start", "net.ipv4.ip_local_reserved_ports", "net.ipv4.tcp_keepalive_time",
            "net.ipv4.tcp_fin_timeout", "net.ipv4.tcp_keepalive_intvl", "net.ipv4.tcp_keepalive_probes", "net.ipv4.tcp_rmem",
            "net.ipv4.tcp_wmem", "net.ipv4.tcp_slow_start_after_idle", "net.ipv4.tcp_notsent_lowat"))),
        new("oci config written by Docker", Requests.Oci(sandbox: Sysctls("linux.sysctl", "net.ipv4.ip_unprivileged_port_start", "net.ipv4.ping_group_range"))),
        new RuleCase("policy allows net.core.somaxconn", Requests.Docker(sandbox: Sysctls("HostConfig.Sysctls", "net.core.somaxconn"))).With("allowed", new[] { "net.core.somaxconn" }),
    ];
}
