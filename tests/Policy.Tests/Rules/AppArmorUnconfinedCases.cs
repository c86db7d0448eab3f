using DockerGuard.Policy.Model;
using DockerGuard.Policy.Tests.Support;

namespace DockerGuard.Policy.Tests.Rules;

public sealed class AppArmorUnconfinedCases : RuleCases
{
    public override string RuleId => "apparmor-unconfined";

    private static Func<Container, Container> AppArmor(AppArmorKind kind, string path) =>
        Shape.Security(s => s with { AppArmor = new AppArmor(kind, path) });

    private static Func<Sandbox, Sandbox> PodAppArmor(AppArmorKind kind) =>
        Shape.PodSecurity(s => s with { AppArmor = new AppArmor(kind, "spec.securityContext.appArmorProfile") });

    public override IEnumerable<RuleCase> Deny =>
    [
        new("docker apparmor=unconfined", Requests.Docker(AppArmor(AppArmorKind.Unconfined, "HostConfig.SecurityOpt[0]")), "HostConfig.SecurityOpt[0]"),
        new("pod-level Unconfined", Requests.Pod(sandbox: PodAppArmor(AppArmorKind.Unconfined)), "spec.securityContext.appArmorProfile"),
        new("container Unconfined", Requests.Pod(AppArmor(AppArmorKind.Unconfined, "spec.containers[0].securityContext.appArmorProfile")), "spec.containers[0].securityContext.appArmorProfile"),
        new("init container Unconfined by beta annotation", Requests.PodWithAllKinds(AppArmor(AppArmorKind.Unconfined, "metadata.annotations[container.apparmor.security.beta.kubernetes.io/init]")),
            "metadata.annotations[container.apparmor.security.beta.kubernetes.io/init]"),
        new("ephemeral container Unconfined", Requests.PodWithAllKinds(c => c, ephemeral: AppArmor(AppArmorKind.Unconfined, "spec.ephemeralContainers[0].securityContext.appArmorProfile")),
            "spec.ephemeralContainers[0].securityContext.appArmorProfile"),
        new("oci apparmorProfile unconfined", Requests.Oci(AppArmor(AppArmorKind.Unconfined, "process.apparmorProfile")), "process.apparmorProfile"),
    ];

    public override IEnumerable<RuleCase> Allow =>
    [
        new("docker default", Requests.Docker()),
        new("docker custom profile", Requests.Docker(AppArmor(AppArmorKind.Localhost, "HostConfig.SecurityOpt[0]"))),
        new("pod RuntimeDefault", Requests.Pod(sandbox: PodAppArmor(AppArmorKind.RuntimeDefault))),
        new("containers Localhost in every kind", Requests.PodWithAllKinds(
            AppArmor(AppArmorKind.Localhost, "a"), AppArmor(AppArmorKind.RuntimeDefault, "b"), AppArmor(AppArmorKind.Localhost, "c"))),
        new("oci containers-default profile", Requests.Oci(AppArmor(AppArmorKind.Localhost, "process.apparmorProfile"))),
    ];
}
