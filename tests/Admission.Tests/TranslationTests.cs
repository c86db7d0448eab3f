using System.Text.Json.Nodes;
using DockerGuard.Admission.Review;
using DockerGuard.Admission.Tests.Support;
using DockerGuard.Policy.Model;

namespace DockerGuard.Admission.Tests;

/// <summary>The real apiserver requests translate to the facts the rules read, at the paths the user wrote.</summary>
public class TranslationTests
{
    [Fact]
    public void Ordinary_pod_has_private_namespaces_host_users_by_default_and_subject()
    {
        var r = Translate.Fixture("pod-create-ordinary");
        r.Surface.Should().Be(Surface.Kubernetes);
        r.Operation.Should().Be(Operation.Create);
        r.Resource.Kind.Should().Be("Pod");
        r.Resource.Namespace.Should().Be("default");
        r.Subject.User.Should().Be("admin");
        r.Subject.Groups.Should().Contain("system:masters");
        r.Sandbox.Namespaces.Network.Should().Be(NamespaceSetting.Private("spec.hostNetwork"));
        r.Sandbox.Namespaces.Pid.Mode.Should().Be(NamespaceMode.Private);
        r.Sandbox.Namespaces.User.Should().Be(NamespaceSetting.HostByDefault("spec.hostUsers"));
        r.Containers.Should().ContainSingle().Which.Path.Should().Be("spec.containers[0]");
        r.Sandbox.Volumes.Should().Contain(v => v.Type == "projected");
    }

    [Theory]
    [InlineData("pod-create-hostnetwork", "spec.hostNetwork")]
    [InlineData("pod-create-hostpid", "spec.hostPID")]
    [InlineData("pod-create-hostipc", "spec.hostIPC")]
    public void Host_namespaces_are_host_at_their_field(string fixture, string path)
    {
        var ns = Translate.Fixture(fixture).Sandbox.Namespaces;
        new[] { ns.Network, ns.Pid, ns.Ipc }.Should().Contain(NamespaceSetting.Host(path));
    }

    [Fact]
    public void Host_ports_keep_their_field()
    {
        var c = Translate.Pod(Pod(("ports", new JsonArray(new JsonObject { ["containerPort"] = 80, ["hostPort"] = 8080, ["hostIP"] = "127.0.0.1" })))).Containers[0];
        c.Ports.Should().Equal(new PortBinding(80, "TCP", "127.0.0.1", 8080, "spec.containers[0].ports[0].hostPort"));
    }

    [Fact]
    public void Privileged_and_init_container_paths()
    {
        Translate.Fixture("pod-create-privileged").Containers[0].Privileged.Should().Be(Field.Of(true, "spec.containers[0].securityContext.privileged"));
        var init = Translate.Fixture("pod-create-privileged-initcontainer").Containers.Single(c => c.Kind == ContainerKind.Init);
        init.Path.Should().Be("spec.initContainers[0]");
        init.Privileged.Should().Be(Field.Of(true, "spec.initContainers[0].securityContext.privileged"));
    }

    [Fact]
    public void Capabilities_are_verbatim()
    {
        var c = Translate.Fixture("pod-create-cap-add-sys-admin").Containers[0];
        c.CapAdd.Should().ContainSingle().Which.Should().Be(Field.Of("SYS_ADMIN", "spec.containers[0].securityContext.capabilities.add[0]"));
        var lower = Translate.Pod(Pod(("securityContext", new JsonObject { ["capabilities"] = new JsonObject { ["add"] = new JsonArray("CAP_CHOWN", "chown") } })));
        lower.Containers[0].CapAdd.Select(f => f.Value).Should().Equal("CAP_CHOWN", "chown");
    }

    [Fact]
    public void Seccomp_at_pod_and_container_level()
    {
        Translate.Fixture("pod-create-seccomp-unconfined-pod").Sandbox.PodSecurity.Seccomp
            .Should().Be(new Seccomp(SeccompKind.Unconfined, "spec.securityContext.seccompProfile.type", "Unconfined"));
        Translate.Fixture("pod-create-seccomp-unconfined-container").Containers[0].Security.Seccomp!.Value.Kind.Should().Be(SeccompKind.Unconfined);
    }

    [Fact]
    public void Legacy_annotations_fill_seccomp_and_apparmor_when_fields_are_unset()
    {
        var pod = Pod();
        pod["metadata"] = new JsonObject
        {
            ["name"] = "p",
            ["annotations"] = new JsonObject
            {
                ["seccomp.security.alpha.kubernetes.io/pod"] = "docker/default",
                ["container.seccomp.security.alpha.kubernetes.io/app"] = "unconfined",
                ["container.apparmor.security.beta.kubernetes.io/app"] = "localhost/my-profile",
            },
        };
        var r = Translate.Pod(pod);
        r.Sandbox.PodSecurity.Seccomp!.Value.Kind.Should().Be(SeccompKind.RuntimeDefault);
        r.Containers[0].Security.Seccomp!.Value.Should().Be(new Seccomp(SeccompKind.Unconfined, "metadata.annotations[container.seccomp.security.alpha.kubernetes.io/app]", "unconfined"));
        r.Containers[0].Security.AppArmor.Should().Be(new AppArmor(AppArmorKind.Localhost, "metadata.annotations[container.apparmor.security.beta.kubernetes.io/app]", "my-profile"));
    }

    [Fact]
    public void HostPath_volume_and_bidirectional_mount()
    {
        var r = Translate.Fixture("pod-create-hostpath-volume");
        r.Sandbox.Volumes.Should().Contain(v => v.Type == "hostPath" && v.HostPath != null && v.Path.StartsWith("spec.volumes["));
        r.Containers[0].Mounts.Should().Contain(m => m.Kind == MountKind.HostPath);
        var b = Translate.Fixture("pod-create-mountpropagation-bidirectional").Containers[0].Mounts.Single(m => m.Propagation == Propagation.Bidirectional);
        b.PropagationAsWritten.Should().Be("Bidirectional");
        b.Path.Should().StartWith("spec.containers[0].volumeMounts[");
    }

    [Fact]
    public void Ephemeral_container_update_is_the_whole_pod()
    {
        var r = Translate.Fixture("pod-ephemeralcontainers-update");
        r.Operation.Should().Be(Operation.Update);
        var e = r.Containers.Single(c => c.Kind == ContainerKind.Ephemeral);
        e.Name.Should().Be("debugger");
        e.Path.Should().Be("spec.ephemeralContainers[0]");
        e.Image!.Value.Value.Should().Be("registry.example/debug:1.0");
    }

    [Theory]
    [InlineData("deployment-create-privileged", "Deployment", "spec.template.spec.containers[0]")]
    [InlineData("daemonset-create-hostnetwork", "DaemonSet", "spec.template.spec.containers[0]")]
    [InlineData("statefulset-create", "StatefulSet", "spec.template.spec.containers[0]")]
    [InlineData("replicaset-create", "ReplicaSet", "spec.template.spec.containers[0]")]
    [InlineData("job-create", "Job", "spec.template.spec.containers[0]")]
    [InlineData("cronjob-create-hostpid", "CronJob", "spec.jobTemplate.spec.template.spec.containers[0]")]
    public void Controller_templates_translate_with_paths_relative_to_the_object(string fixture, string kind, string containerPath)
    {
        var plan = Translate.Plan(Fixture.Bytes(fixture));
        plan.Should().BeOfType<ReviewPlan.Evaluate>().Which.FromTemplate.Should().BeTrue();
        var r = ((ReviewPlan.Evaluate)plan).Request;
        r.Resource.Kind.Should().Be(kind);
        r.Containers[0].Path.Should().Be(containerPath);
    }

    [Fact]
    public void CronJob_hostPID_path_is_under_jobTemplate()
    {
        Translate.Fixture("cronjob-create-hostpid").Sandbox.Namespaces.Pid
            .Should().Be(NamespaceSetting.Host("spec.jobTemplate.spec.template.spec.hostPID"));
    }

    [Fact]
    public void Exec_and_attach_become_exec_requests()
    {
        var exec = Translate.Fixture("pod-exec-connect");
        exec.Operation.Should().Be(Operation.Exec);
        exec.Resource.Name.Should().Be("ordinary");
        exec.Exec!.Container.Should().Be("app");
        exec.Exec.Command.Should().Equal("ls", "/");
        var attach = Translate.Fixture("pod-attach-connect");
        attach.Operation.Should().Be(Operation.Attach);
        attach.Exec!.Container.Should().Be("app");
        attach.Exec.Command.Should().BeEmpty();
    }

    [Fact]
    public void Label_only_update_is_not_evaluated()
    {
        Translate.Plan(Fixture.Bytes("pod-update-label")).Should().BeOfType<ReviewPlan.Skip>()
            .Which.Reason.Should().Contain("insignificant");
    }

    [Fact]
    public void Image_change_on_update_is_evaluated()
    {
        var review = Fixture.Json("pod-update-label");
        review["request"]!["object"]!["spec"]!["containers"]![0]!["image"] = "registry.example/other:2.0";
        Translate.Plan(Fixture.Bytes(review)).Should().BeOfType<ReviewPlan.Evaluate>();
    }

    [Fact]
    public void Env_names_only_never_values()
    {
        var r = Translate.Pod(Pod(("env", new JsonArray(new JsonObject { ["name"] = "DB_PASSWORD", ["value"] = "hunter2" }))));
        r.Containers[0].EnvNames.Should().Equal("DB_PASSWORD");
        r.ToString().Should().NotContain("hunter2");
    }

    [Fact]
    public void Probe_hosts_memory_limits_and_sysctls()
    {
        var pod = Pod(
            ("livenessProbe", new JsonObject { ["httpGet"] = new JsonObject { ["host"] = "10.0.0.1", ["port"] = 80 } }),
            ("lifecycle", new JsonObject { ["preStop"] = new JsonObject { ["tcpSocket"] = new JsonObject { ["host"] = "metadata", ["port"] = 80 } } }),
            ("resources", new JsonObject { ["limits"] = new JsonObject { ["memory"] = "128Mi", ["cpu"] = "500m" } }));
        pod["spec"]!["securityContext"] = new JsonObject { ["sysctls"] = new JsonArray(new JsonObject { ["name"] = "kernel.msgmax", ["value"] = "1" }) };
        var r = Translate.Pod(pod);
        var c = r.Containers[0];
        c.ProbeHosts.Should().Equal(Field.Of("10.0.0.1", "spec.containers[0].livenessProbe.httpGet.host"), Field.Of("metadata", "spec.containers[0].lifecycle.preStop.tcpSocket.host"));
        c.Limits.MemoryBytes.Should().Be(Field.Of(128L * 1024 * 1024, "spec.containers[0].resources.limits.memory"));
        c.Limits.NanoCpus!.Value.Value.Should().Be(500_000_000);
        r.Sandbox.Sysctls.Should().ContainSingle().Which.Name.Should().Be("kernel.msgmax");
    }

    [Theory]
    [InlineData(null, NamespaceMode.Host, false)]
    [InlineData(true, NamespaceMode.Host, true)]
    [InlineData(false, NamespaceMode.Private, true)]
    public void HostUsers(bool? hostUsers, NamespaceMode mode, bool isExplicit)
    {
        var pod = Pod();
        if (hostUsers is { } h) pod["spec"]!["hostUsers"] = h;
        var user = Translate.Pod(pod).Sandbox.Namespaces.User;
        user.Mode.Should().Be(mode);
        user.Explicit.Should().Be(isExplicit);
        user.Path.Should().Be("spec.hostUsers");
    }

    /// <summary>A minimal pod with one container "app"; extra container fields as given.</summary>
    public static JsonObject Pod(params (string Field, JsonNode Value)[] container)
    {
        var c = new JsonObject { ["name"] = "app", ["image"] = "registry.example/app:1.0" };
        foreach (var (f, v) in container) c[f] = v;
        return new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Pod",
            ["metadata"] = new JsonObject { ["name"] = "p", ["namespace"] = "default" },
            ["spec"] = new JsonObject { ["containers"] = new JsonArray(c) },
        };
    }
}
