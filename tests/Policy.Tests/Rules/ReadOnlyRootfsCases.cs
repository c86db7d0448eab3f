using DockerGuard.Policy.Model;
using DockerGuard.Policy.Tests.Support;

namespace DockerGuard.Policy.Tests.Rules;

public sealed class ReadOnlyRootfsCases : RuleCases
{
    public override string RuleId => "read-only-rootfs";

    private static Func<Container, Container> ReadOnly(bool value) =>
        c => c with { ReadOnlyRootFilesystem = Field.Of(value, $"{c.Path}.securityContext.readOnlyRootFilesystem") };

    private static Func<Container, Container> ReadOnlyAt(bool value, string path) => c => c with { ReadOnlyRootFilesystem = Field.Of(value, path) };

    public override IEnumerable<RuleCase> Deny =>
    [
        new("docker default", Requests.Docker(), "HostConfig.ReadonlyRootfs"),
        new("docker --read-only=false", Requests.Docker(ReadOnlyAt(false, "HostConfig.ReadonlyRootfs")), "HostConfig.ReadonlyRootfs"),
        new("pod default", Requests.Pod(), "spec.containers[0].securityContext.readOnlyRootFilesystem"),
        new("pod false", Requests.Pod(ReadOnly(false)), "spec.containers[0].securityContext.readOnlyRootFilesystem"),
        new("init container unset", Requests.PodWithAllKinds(c => c, ReadOnly(true), ReadOnly(true)), "spec.initContainers[0].securityContext.readOnlyRootFilesystem"),
        new("ephemeral container unset", Requests.PodWithAllKinds(ReadOnly(true), ReadOnly(true)), "spec.ephemeralContainers[0].securityContext.readOnlyRootFilesystem"),
        new("oci default", Requests.Oci(), "root.readonly"),
        new("oci root.readonly false", Requests.Oci(ReadOnlyAt(false, "root.readonly")), "root.readonly"),
    ];

    public override IEnumerable<RuleCase> Allow =>
    [
        new("docker --read-only", Requests.Docker(ReadOnlyAt(true, "HostConfig.ReadonlyRootfs"))),
        new("pod true", Requests.Pod(ReadOnly(true))),
        new("every kind true", Requests.PodWithAllKinds(ReadOnly(true), ReadOnly(true), ReadOnly(true))),
        new("oci root.readonly", Requests.Oci(ReadOnlyAt(true, "root.readonly"))),
    ];
}
