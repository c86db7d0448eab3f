using DockerGuard.Policy.Model;
using DockerGuard.Policy.Tests.Support;

namespace DockerGuard.Policy.Tests.Rules;

public sealed class PortsOnAllInterfacesCases : RuleCases
{
    public override string RuleId => "ports-on-all-interfaces";

    private static RuleCase On(string hostIp) =>
        new($"-p {hostIp}:8080:80", Requests.Docker(Ports.With(Ports.Docker(80, hostIp, 8080))), "HostConfig.PortBindings.80/tcp[0]");

    public override IEnumerable<RuleCase> Deny =>
    [
        new("-p 80:80 (no host address)", Requests.Docker(Ports.With(Ports.Docker(80, "", 80))), "HostConfig.PortBindings.80/tcp[0]"),
        new("-p 80 (random host port, still all interfaces)", Requests.Docker(Ports.With(Ports.Docker(80, "", 0))), "HostConfig.PortBindings.80/tcp[0]"),
        On("0.0.0.0"),
        On("::"),
        On("[::]"),
        On("0:0:0:0:0:0:0:0"),
        On("::0"),
        On("0.0.0.00"),
        On("::ffff:0.0.0.0"),
        On("[::FFFF:0:0]"),
        new("second port on all interfaces", Requests.Docker(Ports.With(Ports.Docker(80, "127.0.0.1", 8080), Ports.Docker(443, "", 8443))), "HostConfig.PortBindings.443/tcp[0]"),
        new("-P", Requests.Docker(c => c with { PublishAllPorts = Field.Of(true, "HostConfig.PublishAllPorts") }), "HostConfig.PublishAllPorts"),
    ];

    public override IEnumerable<RuleCase> Allow =>
    [
        new("docker default", Requests.Docker()),
        new("-p 127.0.0.1:8080:80", Requests.Docker(Ports.With(Ports.Docker(80, "127.0.0.1", 8080)))),
        new("-p [::1]:8080:80", Requests.Docker(Ports.With(Ports.Docker(80, "::1", 8080)))),
        new("-p 10.0.0.5:80:80", Requests.Docker(Ports.With(Ports.Docker(80, "10.0.0.5", 80)))),
        new("-p [::ffff:10.0.0.1]:80:80", Requests.Docker(Ports.With(Ports.Docker(80, "::ffff:10.0.0.1", 80)))),
        new("PublishAllPorts false", Requests.Docker(c => c with { PublishAllPorts = Field.Of(false, "HostConfig.PublishAllPorts") })),
    ];
}
