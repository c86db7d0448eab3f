using DockerGuard.Policy.Model;
using DockerGuard.Policy.Tests.Support;

namespace DockerGuard.Policy.Tests.Rules;

public sealed class MaskedPathsRemovedCases : RuleCases
{
    public override string RuleId => "masked-paths-removed";

    private static Func<Container, Container> ProcMount(string value, string path) => c => c with { ProcMount = Field.Of(value, path) };

    public override IEnumerable<RuleCase> Deny =>
    [
        new("docker systempaths=unconfined", Requests.Docker(ProcMount("Unmasked", "HostConfig.MaskedPaths"),
            Shape.Namespaces(n => n with { User = NamespaceSetting.HostByDefault("HostConfig.UsernsMode") })), "HostConfig.MaskedPaths"),
        new("docker systempaths=unconfined on a userns-remap daemon", Requests.Docker(ProcMount("Unmasked", "HostConfig.MaskedPaths")), "HostConfig.MaskedPaths"),
        new("pod procMount Unmasked", Requests.Pod(ProcMount("Unmasked", "spec.containers[0].securityContext.procMount")), "spec.containers[0].securityContext.procMount"),
        new("init container procMount Unmasked", Requests.PodWithAllKinds(ProcMount("Unmasked", "spec.initContainers[0].securityContext.procMount")), "spec.initContainers[0].securityContext.procMount"),
        new("ephemeral container procMount Unmasked", Requests.PodWithAllKinds(c => c, ephemeral: ProcMount("Unmasked", "spec.ephemeralContainers[0].securityContext.procMount")),
            "spec.ephemeralContainers[0].securityContext.procMount"),
        new("pod with hostUsers: true written out", Requests.Pod(ProcMount("Unmasked", "spec.containers[0].securityContext.procMount"),
            Shape.Namespaces(n => n with { User = NamespaceSetting.Host("spec.hostUsers") })), "spec.containers[0].securityContext.procMount"),
        new RuleCase("pod with hostUsers: false under PSS restricted", Requests.Pod(ProcMount("Unmasked", "spec.containers[0].securityContext.procMount"), Shape.HostUsersFalse),
            "spec.containers[0].securityContext.procMount").With("allowWithUserNamespace", false),
        new("oci without linux.maskedPaths", Requests.Oci(ProcMount("Unmasked", "linux.maskedPaths")), "linux.maskedPaths"),
        new("oci without maskedPaths even in a user namespace", Requests.Oci(ProcMount("Unmasked", "linux.maskedPaths"),
            Shape.Namespaces(n => n with { User = NamespaceSetting.Private("linux.namespaces") })), "linux.maskedPaths"),
    ];

    public override IEnumerable<RuleCase> Allow =>
    [
        new("docker default masking", Requests.Docker()),
        new("pod procMount Default", Requests.Pod(ProcMount("Default", "spec.containers[0].securityContext.procMount"))),
        new("pod with hostUsers: false (PSS baseline v1.35+)", Requests.Pod(ProcMount("Unmasked", "spec.containers[0].securityContext.procMount"), Shape.HostUsersFalse)),
        new("oci default masking", Requests.Oci()),
    ];
}
