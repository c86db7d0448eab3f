using DockerGuard.Policy.Tests.Support;

namespace DockerGuard.Policy.Tests.Rules;

public sealed class PrivilegedPortsCases : RuleCases
{
    public override string RuleId => "privileged-ports";

    public override IEnumerable<RuleCase> Deny =>
    [
        new("-p 80:80", Requests.Docker(Ports.With(Ports.Docker(80, "", 80))), "HostConfig.PortBindings.80/tcp[0]"),
        new("-p 127.0.0.1:22:2222 (loopback does not make it unprivileged)", Requests.Docker(Ports.With(Ports.Docker(2222, "127.0.0.1", 22))), "HostConfig.PortBindings.2222/tcp[0]"),
        new("-p 1:1", Requests.Docker(Ports.With(Ports.Docker(1, "", 1))), "HostConfig.PortBindings.1/tcp[0]"),
        new("-p 1023:1023/udp", Requests.Docker(Ports.With(Ports.Docker(1023, "", 1023, "udp"))), "HostConfig.PortBindings.1023/udp[0]"),
        new("second binding of a port is privileged", Requests.Docker(Ports.With(Ports.Docker(443, "", 8443), Ports.Docker(443, "", 443, index: 1))), "HostConfig.PortBindings.443/tcp[1]"),
    ];

    public override IEnumerable<RuleCase> Allow =>
    [
        new("docker default", Requests.Docker()),
        new("-p 8080:80", Requests.Docker(Ports.With(Ports.Docker(80, "127.0.0.1", 8080)))),
        new("-p 1024:1024", Requests.Docker(Ports.With(Ports.Docker(1024, "", 1024)))),
        new("-p 80 (any free host port)", Requests.Docker(Ports.With(Ports.Docker(80, "", 0)))),
        new("-p 65535:65535", Requests.Docker(Ports.With(Ports.Docker(65535, "", 65535)))),
    ];
}
