using DockerGuard.Policy.Model;
using DockerGuard.Policy.Tests.Support;

namespace DockerGuard.Policy.Tests.Rules;

public sealed class RunAsRootCases : RuleCases
{
    public override string RuleId => "run-as-root";

    private static Func<Container, Container> User(string user, string path = "User") => Shape.Security(s => s with { User = Field.Of(user, path) });

    private static Func<Container, Container> RunAsUser(long uid, string path) => Shape.Security(s => s with { RunAsUser = Field.Of(uid, path) });

    private static Func<Sandbox, Sandbox> PodRunAsUser(long uid) => Shape.PodSecurity(s => s with { RunAsUser = Field.Of(uid, "spec.securityContext.runAsUser") });

    private static Func<Sandbox, Sandbox> OciUserNamespace { get; } = Shape.Namespaces(n => n with { User = NamespaceSetting.Private("linux.namespaces") });

    private const string C0 = "spec.containers[0].securityContext.runAsUser";

    public override IEnumerable<RuleCase> Deny =>
    [
        .. new[] { "root", "0", "0:0", "root:root", "000", "0:1000", "+0", "-0", ":1000" }
            .Select(u => new RuleCase($"docker --user {u}", Requests.Docker(User(u)), "User")),
        new("pod container runAsUser 0", Requests.Pod(RunAsUser(0, C0)), C0),
        new("pod-level runAsUser 0", Requests.Pod(sandbox: PodRunAsUser(0)), "spec.securityContext.runAsUser"),
        new("pod-level runAsUser 0 even when the container overrides it (as PSS)", Requests.Pod(RunAsUser(1000, C0), PodRunAsUser(0)), "spec.securityContext.runAsUser"),
        new("container runAsUser 0 wins over pod-level 1000", Requests.Pod(RunAsUser(0, C0), PodRunAsUser(1000)), C0),
        new("init container runAsUser 0", Requests.PodWithAllKinds(RunAsUser(0, "spec.initContainers[0].securityContext.runAsUser")), "spec.initContainers[0].securityContext.runAsUser"),
        new("ephemeral container runAsUser 0", Requests.PodWithAllKinds(c => c, ephemeral: RunAsUser(0, "spec.ephemeralContainers[0].securityContext.runAsUser")),
            "spec.ephemeralContainers[0].securityContext.runAsUser"),
        new("pod with hostUsers: true written out", Requests.Pod(RunAsUser(0, C0), Shape.Namespaces(n => n with { User = NamespaceSetting.Host("spec.hostUsers") })), C0),
        new("oci uid 0 without a user namespace", Requests.Oci(User("0:0", "process.user")), "process.user"),
        new("docker root even on a userns-remap daemon (CIS reading)", Requests.Docker(User("0")), "User"),
        new RuleCase("docker image default when an explicit user is required", Requests.Docker(), "User").With("requireExplicitUser", true),
        new RuleCase("docker empty User when an explicit user is required", Requests.Docker(User("")), "User").With("requireExplicitUser", true),
        new RuleCase("pod container unset when an explicit user is required", Requests.Pod(), C0).With("requireExplicitUser", true),
        new RuleCase("runAsNonRoot: false does not count as a user", Requests.Pod(Shape.Security(s => s with { RunAsNonRoot = Field.Of(false, "x") })), C0)
            .With("requireExplicitUser", true),
        new RuleCase("oci unset user when an explicit user is required", Requests.Oci(), "process.user").With("requireExplicitUser", true),
    ];

    public override IEnumerable<RuleCase> Allow =>
    [
        new("docker image default", Requests.Docker()),
        .. new[] { "1000", "1000:0", "nobody", "app:root", "0001", "rootless", "4294967296" }
            .Select(u => new RuleCase($"docker --user {u}", Requests.Docker(User(u)))),
        new("pod unset", Requests.Pod()),
        new("pod-level 1000, containers unset", Requests.PodWithAllKinds(c => c).InSandbox(PodRunAsUser(1000))),
        new("every kind non-zero", Requests.PodWithAllKinds(RunAsUser(1, "a"), RunAsUser(1000, "b"), RunAsUser(65534, "c"))),
        new("pod runAsUser 0 with hostUsers: false (PSS v1.35+)", Requests.Pod(RunAsUser(0, C0), Shape.All(PodRunAsUser(0), Shape.HostUsersFalse))),
        new("oci uid 0 in a user namespace", Requests.Oci(User("0:0", "process.user"), OciUserNamespace)),
        new("oci non-zero uid", Requests.Oci(User("1000:1000", "process.user"))),
        new RuleCase("docker explicit non-root user when one is required", Requests.Docker(User("1000"))).With("requireExplicitUser", true),
        new RuleCase("pod-level runAsUser covers containers when one is required", Requests.PodWithAllKinds(c => c).InSandbox(PodRunAsUser(1000))).With("requireExplicitUser", true),
        new RuleCase("pod-level runAsNonRoot covers containers when one is required",
            Requests.Pod(sandbox: Shape.PodSecurity(s => s with { RunAsNonRoot = Field.Of(true, "spec.securityContext.runAsNonRoot") }))).With("requireExplicitUser", true),
    ];
}
