using System.Text.Json.Nodes;
using DockerGuard.Equivalence.Tests.Support;
using DockerGuard.Policy.Catalog;

namespace DockerGuard.Equivalence.Tests;

/// <summary>
/// The intents, each as <c>docker create</c> HostConfig, as a Pod edit and as a config.json. The
/// OCI inputs are Docker 20.10 captures (OciHook.Tests/Fixtures) where one was taken for exactly
/// this flag, and otherwise the default capture edited the way Docker writes that flag.
/// </summary>
public static class SameIntentCases
{
    public static readonly IReadOnlyList<SameIntent> All =
    [
        new()
        {
            Name = "privileged",
            Rule = "privileged",
            DockerHostConfig = new() { ["Privileged"] = true },
            Pod = pod => Container(pod)["securityContext"] = new JsonObject { ["privileged"] = true },
            // OCI has no privileged flag: the hook infers it from all capabilities, no seccomp, unmasked paths, all devices.
            Oci = ("docker-privileged", null),
        },
        new()
        {
            Name = "host network",
            Rule = "host-network",
            DockerHostConfig = new() { ["NetworkMode"] = "host" },
            Pod = pod => Spec(pod)["hostNetwork"] = true,
            Oci = ("docker-net-host", null),
        },
        new()
        {
            Name = "host pid",
            Rule = "host-pid",
            DockerHostConfig = new() { ["PidMode"] = "host" },
            Pod = pod => Spec(pod)["hostPID"] = true,
            Oci = ("docker-pid-host", null),
        },
        new()
        {
            Name = "host ipc",
            Rule = "host-ipc",
            DockerHostConfig = new() { ["IpcMode"] = "host" },
            Pod = pod => Spec(pod)["hostIPC"] = true,
            Oci = ("docker-ipc-host", null),
        },
        new()
        {
            Name = "host uts",
            Rule = "host-uts",
            DockerHostConfig = new() { ["UTSMode"] = "host" },
            Oci = ("docker-uts-host", null),
            NotExpressible = new Dictionary<string, string>
            {
                ["kubernetes"] = "a Pod has no UTS field; only hostNetwork brings the host's UTS namespace, and host-network denies that",
            },
        },
        new()
        {
            Name = "seccomp unconfined",
            Rule = "seccomp-unconfined",
            DockerHostConfig = new() { ["SecurityOpt"] = new JsonArray("seccomp=unconfined") },
            Pod = pod => Spec(pod)["securityContext"] = new JsonObject { ["seccompProfile"] = new JsonObject { ["type"] = "Unconfined" } },
            Oci = ("docker-seccomp-unconfined", null),
        },
        new()
        {
            Name = "apparmor unconfined",
            Rule = "apparmor-unconfined",
            DockerHostConfig = new() { ["SecurityOpt"] = new JsonArray("apparmor=unconfined") },
            Pod = pod => Container(pod)["securityContext"] = new JsonObject { ["appArmorProfile"] = new JsonObject { ["type"] = "Unconfined" } },
            // The capture host had no AppArmor, so Docker wrote no profile; on an AppArmor host it writes this.
            Oci = ("docker-default", config => config["process"]!["apparmorProfile"] = "unconfined"),
        },
        new()
        {
            Name = "capability SYS_ADMIN",
            Rule = "capabilities",
            DockerHostConfig = new() { ["CapAdd"] = new JsonArray("SYS_ADMIN") },
            Pod = pod => Container(pod)["securityContext"] = new JsonObject { ["capabilities"] = new JsonObject { ["add"] = new JsonArray("SYS_ADMIN") } },
            Oci = ("docker-cap-add-sys-admin", null),
        },
        new()
        {
            Name = "host path /etc",
            Rule = "sensitive-host-mounts",
            DockerHostConfig = new() { ["Binds"] = new JsonArray("/etc:/host-etc:ro") },
            Pod = pod => HostPath(pod, "/etc", "/host-etc", readOnly: true),
            Oci = ("docker-default", config => BindMount(config, "/etc", "/host-etc", "rbind", "ro", "rprivate")),
        },
        new()
        {
            Name = "docker.sock mount",
            Rule = "docker-socket-mount",
            DockerHostConfig = new() { ["Binds"] = new JsonArray("/var/run/docker.sock:/var/run/docker.sock") },
            Pod = pod => HostPath(pod, "/var/run/docker.sock", "/var/run/docker.sock"),
            Oci = ("docker-default", config => BindMount(config, "/var/run/docker.sock", "/var/run/docker.sock", "rbind", "rprivate")),
        },
        new()
        {
            Name = "shared mount propagation",
            Rule = "mount-propagation-shared",
            DockerHostConfig = new() { ["Binds"] = new JsonArray("/srv/data:/data:rshared") },
            Pod = pod =>
            {
                // The apiserver's own validation admits Bidirectional only in a privileged container,
                // so the review a webhook really receives has both.
                HostPath(pod, "/srv/data", "/data", propagation: "Bidirectional");
                Container(pod)["securityContext"] = new JsonObject { ["privileged"] = true };
            },
            Oci = ("docker-default", config =>
            {
                BindMount(config, "/srv/data", "/data", "rbind", "rshared");
                // Docker makes the rootfs shared too when a bind is rshared (daemon/oci_linux.go).
                config["linux"]!["rootfsPropagation"] = "rshared";
            }),
        },
        new()
        {
            Name = "harmless",
            Rule = null,
            DockerHostConfig = new() { ["Binds"] = new JsonArray("app-data:/data"), ["Memory"] = 268435456 },
            Pod = pod => Container(pod)["resources"] = new JsonObject { ["limits"] = new JsonObject { ["memory"] = "256Mi" } },
            Oci = ("docker-default", null),
        },
    ];

    public static TheoryData<string> Names() => [.. All.Select(c => c.Name)];

    public static SameIntent Named(string name) => All.Single(c => c.Name == name);

    private static JsonObject Spec(JsonObject pod) => pod["spec"]!.AsObject();

    private static JsonObject Container(JsonObject pod) => Spec(pod)["containers"]![0]!.AsObject();

    private static void HostPath(JsonObject pod, string path, string mountPath, bool readOnly = false, string? propagation = null)
    {
        Spec(pod)["volumes"]!.AsArray().Add(new JsonObject { ["name"] = "host", ["hostPath"] = new JsonObject { ["path"] = path, ["type"] = "" } });
        var mount = new JsonObject { ["name"] = "host", ["mountPath"] = mountPath };
        if (readOnly) mount["readOnly"] = true;
        if (propagation is not null) mount["mountPropagation"] = propagation;
        Container(pod)["volumeMounts"]!.AsArray().Add(mount);
    }

    private static void BindMount(JsonObject config, string source, string destination, params string[] options) =>
        config["mounts"]!.AsArray().Add(new JsonObject
        {
            ["destination"] = destination,
            ["type"] = "bind",
            ["source"] = source,
            ["options"] = new JsonArray([.. options.Select(o => (JsonNode)o)]),
        });
}
