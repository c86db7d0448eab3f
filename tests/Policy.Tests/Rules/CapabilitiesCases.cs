using DockerGuard.Policy.Model;
using DockerGuard.Policy.Tests.Support;

namespace DockerGuard.Policy.Tests.Rules;

public sealed class CapabilitiesCases : RuleCases
{
    public override string RuleId => "capabilities";

    private static Func<Container, Container> Add(string path, params string[] caps) => c => c with { CapAdd = Requests.Strings(path, caps) };

    private static Func<Container, Container> AddK8s(params string[] caps) => c => c with { CapAdd = Requests.Strings($"{c.Path}.securityContext.capabilities.add", caps) };

    private static Func<Container, Container> DropK8s(params string[] caps) => c => c with { CapDrop = Requests.Strings($"{c.Path}.securityContext.capabilities.drop", caps) };

    private static readonly string[] Restricted = ["NET_BIND_SERVICE"];

    private static RuleCase AsRestricted(RuleCase c) => c.With("allowed", Restricted).With("requireDropAll", true);

    public override IEnumerable<RuleCase> Deny =>
    [
        new("docker --cap-add SYS_ADMIN", Requests.Docker(Add("HostConfig.CapAdd", "SYS_ADMIN")), "HostConfig.CapAdd[0]"),
        new("docker second cap outside the list", Requests.Docker(Add("HostConfig.CapAdd", "CHOWN", "NET_ADMIN")), "HostConfig.CapAdd[1]"),
        new("docker ALL", Requests.Docker(Add("HostConfig.CapAdd", "ALL")), "HostConfig.CapAdd[0]"),
        new RuleCase("ALL even when the policy lists it", Requests.Docker(Add("HostConfig.CapAdd", "ALL")), "HostConfig.CapAdd[0]").With("allowed", new[] { "ALL", "all" }),
        new("pod lower-case all (containerd matches it case-insensitively)", Requests.Pod(AddK8s("all")), "spec.containers[0].securityContext.capabilities.add[0]"),
        new("pod CAP_ALL", Requests.Pod(AddK8s("CAP_ALL")), "spec.containers[0].securityContext.capabilities.add[0]"),
        new("pod SYS_ADMIN", Requests.Pod(AddK8s("SYS_ADMIN")), "spec.containers[0].securityContext.capabilities.add[0]"),
        new("pod CAP_CHOWN: PSS compares exact strings", Requests.Pod(AddK8s("CAP_CHOWN")), "spec.containers[0].securityContext.capabilities.add[0]"),
        new("pod lower-case chown: PSS compares exact strings", Requests.Pod(AddK8s("chown")), "spec.containers[0].securityContext.capabilities.add[0]"),
        new("init container NET_RAW", Requests.PodWithAllKinds(AddK8s("NET_RAW")), "spec.initContainers[0].securityContext.capabilities.add[0]"),
        new("ephemeral container SYS_PTRACE", Requests.PodWithAllKinds(c => c, ephemeral: AddK8s("SYS_PTRACE")), "spec.ephemeralContainers[0].securityContext.capabilities.add[0]"),
        new("oci grants SYS_ADMIN", Requests.Oci(Add("process.capabilities.bounding", "SYS_ADMIN")), "process.capabilities.bounding[0]"),
        AsRestricted(new("restricted: pod adds CHOWN", Requests.Pod(c => DropK8s("ALL")(AddK8s("CHOWN")(c))), "spec.containers[0].securityContext.capabilities.add[0]")),
        AsRestricted(new("restricted: pod drops nothing", Requests.Pod(), "spec.containers[0].securityContext.capabilities.drop")),
        AsRestricted(new("restricted: pod drops NET_RAW only", Requests.Pod(DropK8s("NET_RAW")), "spec.containers[0].securityContext.capabilities.drop[0]")),
        AsRestricted(new("restricted: lower-case drop all is not ALL for PSS", Requests.Pod(DropK8s("all")), "spec.containers[0].securityContext.capabilities.drop[0]")),
        AsRestricted(new("restricted: ephemeral container drops nothing", Requests.PodWithAllKinds(DropK8s("ALL"), DropK8s("ALL")), "spec.ephemeralContainers[0].securityContext.capabilities.drop")),
        AsRestricted(new("restricted: docker without --cap-drop ALL", Requests.Docker(), "HostConfig.CapDrop")),
        AsRestricted(new("restricted: oci keeps default set", Requests.Oci(), "process.capabilities")),
        AsRestricted(new("restricted: windows pod still may not add SYS_ADMIN", Requests.Pod(AddK8s("SYS_ADMIN"), s => s with { OsName = "windows" }), "spec.containers[0].securityContext.capabilities.add[0]")),
    ];

    public override IEnumerable<RuleCase> Allow =>
    [
        new("docker default", Requests.Docker()),
        new("docker baseline caps", Requests.Docker(Add("HostConfig.CapAdd", "CHOWN", "NET_BIND_SERVICE", "SYS_CHROOT", "AUDIT_WRITE"))),
        new("docker drop ALL", Requests.Docker(c => c with { CapDrop = Requests.Strings("HostConfig.CapDrop", "ALL") })),
        new("pod default", Requests.Pod()),
        new("every kind adds baseline caps", Requests.PodWithAllKinds(AddK8s("KILL"), AddK8s("SETUID", "SETGID"), AddK8s("NET_BIND_SERVICE"))),
        new RuleCase("policy allows NET_ADMIN", Requests.Docker(Add("HostConfig.CapAdd", "NET_ADMIN"))).With("allowed", new[] { "NET_ADMIN" }),
        new("oci default", Requests.Oci()),
        AsRestricted(new("restricted: drop ALL, add NET_BIND_SERVICE", Requests.Pod(c => DropK8s("ALL")(AddK8s("NET_BIND_SERVICE")(c))))),
        AsRestricted(new("restricted: every kind drops ALL", Requests.PodWithAllKinds(DropK8s("ALL"), DropK8s("ALL"), DropK8s("ALL")))),
        AsRestricted(new("restricted: ALL among other drops", Requests.Pod(DropK8s("NET_RAW", "ALL")))),
        AsRestricted(new("restricted: windows pods are exempt from drop ALL", Requests.Pod(sandbox: s => s with { OsName = "windows" }))),
        AsRestricted(new("restricted: docker --cap-drop ALL", Requests.Docker(c => c with { CapDrop = Requests.Strings("HostConfig.CapDrop", "ALL") }))),
    ];
}
