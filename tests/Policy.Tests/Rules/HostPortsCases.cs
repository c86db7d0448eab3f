using DockerGuard.Policy.Model;
using DockerGuard.Policy.Tests.Support;

namespace DockerGuard.Policy.Tests.Rules;

public sealed class HostPortsCases : RuleCases
{
    public override string RuleId => "host-ports";

    private static Func<Container, Container> Port(int containerPort, int hostPort) =>
        c => c with { Ports = [.. c.Ports, new PortBinding(containerPort, "TCP", "", hostPort, $"{c.Path}.ports[{c.Ports.Length}].hostPort")] };

    public override IEnumerable<RuleCase> Deny =>
    [
        new("hostPort 8080", Requests.Pod(Port(80, 8080)), "spec.containers[0].ports[0].hostPort"),
        new("second port has hostPort", Requests.Pod(c => Port(443, 443)(Port(80, 0)(c))), "spec.containers[0].ports[1].hostPort"),
        new("init container hostPort", Requests.PodWithAllKinds(Port(53, 53)), "spec.initContainers[0].ports[0].hostPort"),
        new("ephemeral container hostPort", Requests.PodWithAllKinds(c => c, ephemeral: Port(9, 9)), "spec.ephemeralContainers[0].ports[0].hostPort"),
        new RuleCase("port outside allowedPorts", Requests.Pod(Port(80, 8081)), "spec.containers[0].ports[0].hostPort").With("allowedPorts", new[] { "8080" }),
    ];

    public override IEnumerable<RuleCase> Allow =>
    [
        new("pod default", Requests.Pod()),
        new("containerPort only (hostPort 0)", Requests.Pod(Port(80, 0))),
        new("every kind without hostPort", Requests.PodWithAllKinds(Port(1, 0), Port(2, 0), Port(3, 0))),
        new RuleCase("allowed hostPort", Requests.Pod(Port(80, 8080))).With("allowedPorts", new[] { "8080", "9090" }),
    ];
}
