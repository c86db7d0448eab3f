using DockerGuard.Policy.Model;
using DockerGuard.Policy.Tests.Support;

namespace DockerGuard.Policy.Tests.Rules;

public sealed class HostProbesCases : RuleCases
{
    public override string RuleId => "host-probes";

    private static Func<Container, Container> ProbeHosts(string container, params string[] hosts) =>
        c => c with { ProbeHosts = Requests.Strings($"{container}.livenessProbe.httpGet.host", hosts) };

    public override IEnumerable<RuleCase> Deny =>
    [
        new("liveness probe at the node's metadata address", Requests.Pod(ProbeHosts("spec.containers[0]", "169.254.169.254")),
            "spec.containers[0].livenessProbe.httpGet.host[0]"),
        new("lifecycle handler at localhost", Requests.Pod(c => c with { ProbeHosts = [Field.Of("127.0.0.1", "spec.containers[0].lifecycle.preStop.tcpSocket.host")] }),
            "spec.containers[0].lifecycle.preStop.tcpSocket.host"),
        new("init container probe host", Requests.PodWithAllKinds(ProbeHosts("spec.initContainers[0]", "10.0.0.1")), "spec.initContainers[0].livenessProbe.httpGet.host[0]"),
        new("ephemeral container probe host", Requests.PodWithAllKinds(c => c, ephemeral: ProbeHosts("spec.ephemeralContainers[0]", "db.internal")),
            "spec.ephemeralContainers[0].livenessProbe.httpGet.host[0]"),
    ];

    public override IEnumerable<RuleCase> Allow =>
    [
        new("no probes", Requests.Pod()),
        new("probes without a host", Requests.PodWithAllKinds(ProbeHosts("spec.initContainers[0]", ""), ProbeHosts("spec.containers[0]", "", ""))),
    ];
}
