using System.Collections.Immutable;
using DockerGuard.AuthzPlugin.Tests.Support;
using DockerGuard.AuthzPlugin.Translation;
using DockerGuard.Policy.Catalog;
using DockerGuard.Policy.Evaluation;
using DockerGuard.Policy.Model;

namespace DockerGuard.AuthzPlugin.Tests.Translation;

/// <summary>Every real dockerd request in shared/fixtures/docker-authz through the translators.</summary>
public class FixtureTranslationTests
{
    private static Container Create(string fixture) => FixtureTranslation.Translate(fixture).Request.Containers.Single();

    [Fact]
    public void Plain_create_keeps_names_labels_and_only_env_names()
    {
        var t = FixtureTranslation.Translate("create-plain.authzreq");
        var c = t.Request.Containers.Single();
        t.Request.Operation.Should().Be(Operation.Create);
        c.Name.Should().Be("plain");
        c.Image.Should().Be(Field.Of("bb:latest", "Image"));
        c.EnvNames.Should().Equal("SECRET_TOKEN");
        t.Request.Resource.Labels.Should().Contain("team", "payments");
        c.Privileged.Should().Be(Field.Of(false, "HostConfig.Privileged"));
        c.Mounts.Should().BeEmpty();
        var ns = t.Request.Sandbox.Namespaces;
        new[] { ns.Network, ns.Pid, ns.Ipc, ns.Uts, ns.Cgroup }.Should().OnlyContain(n => n.Mode == NamespaceMode.Private);
        ns.User.Should().Be(NamespaceSetting.HostByDefault("HostConfig.UsernsMode"), "Docker without userns-remap runs in the host user namespace");
        System.Text.Json.JsonSerializer.Serialize(t.Request).Should().NotContain("hunter2");
    }

    [Fact]
    public void Empty_cgroupns_takes_the_daemon_default()
    {
        var hostDefault = new DaemonDefaults { CgroupnsMode = NamespaceMode.Host };
        FixtureTranslation.Translate("create-plain.authzreq", hostDefault).Request.Sandbox.Namespaces.Cgroup
            .Should().Be(NamespaceSetting.HostByDefault("HostConfig.CgroupnsMode"));
        FixtureTranslation.Translate("create-cgroupns-host.authzreq").Request.Sandbox.Namespaces.Cgroup
            .Should().Be(NamespaceSetting.Host("HostConfig.CgroupnsMode"));
        FixtureTranslation.Create("""{"Image":"bb","HostConfig":{"CgroupnsMode":"private"}}""", "/v1.40/containers/create", hostDefault).Sandbox.Namespaces.Cgroup.Explicit
            .Should().BeFalse("API below 1.41 ignores CgroupnsMode");
    }

    [Fact]
    public void Privileged() => Create("create-privileged.authzreq").Privileged.Should().Be(Field.Of(true, "HostConfig.Privileged"));

    [Fact]
    public void Host_namespaces()
    {
        var ns = FixtureTranslation.Translate("create-host-namespaces.authzreq").Request.Sandbox.Namespaces;
        ns.Network.Should().Be(NamespaceSetting.Host("HostConfig.NetworkMode"));
        ns.Pid.Should().Be(NamespaceSetting.Host("HostConfig.PidMode"));
        ns.Ipc.Should().Be(NamespaceSetting.Host("HostConfig.IpcMode"));
        ns.Uts.Should().Be(NamespaceSetting.Host("HostConfig.UTSMode"));
        ns.User.Should().Be(NamespaceSetting.Host("HostConfig.UsernsMode"));
    }

    [Fact]
    public void Security_opts()
    {
        var c = Create("create-security-opts.authzreq");
        c.Security.Seccomp!.Value.IsEffectivelyUnconfined.Should().BeTrue();
        c.Security.AppArmor!.Value.Kind.Should().Be(AppArmorKind.Unconfined);
        c.Security.SELinux!.Value.Disabled.Should().BeTrue();
        c.Security.Seccomp!.Value.Path.Should().StartWith("HostConfig.SecurityOpt[");
    }

    [Fact]
    public void No_new_privileges() => Create("create-no-new-privileges.authzreq").AllowPrivilegeEscalation!.Value.Value.Should().BeFalse();

    [Fact]
    public void Propagation_from_binds_and_mounts()
    {
        var mounts = Create("create-propagation.authzreq").Mounts;
        mounts.Should().Contain(m => m.Path == "HostConfig.Binds[0]" && m.Propagation == Propagation.Bidirectional && m.PropagationAsWritten == "rshared" && m.Kind == MountKind.Bind);
        mounts.Should().Contain(m => m.Path == "HostConfig.Mounts[0]" && m.Propagation == Propagation.Bidirectional && m.PropagationAsWritten == "shared");
    }

    [Fact]
    public void Docker_socket_is_resolved_on_the_host()
    {
        var m = Create("create-docker-sock.authzreq").Mounts.Single();
        m.Kind.Should().Be(MountKind.Bind);
        m.Source.Should().Be(HostPath.Resolve("/var/run/docker.sock"));
        m.Source.Should().BeOneOf("/var/run/docker.sock", "/run/docker.sock");
        m.Path.Should().Be("HostConfig.Binds[0]");
    }

    [Fact]
    public void Sensitive_dirs()
    {
        var mounts = Create("create-sensitive-dirs.authzreq").Mounts;
        mounts.Select(m => (m.Source, m.ReadOnly)).Should().Contain([("/etc", true), ("/", false)]);
    }

    [Fact]
    public void Caps_and_devices()
    {
        var c = Create("create-caps-devices.authzreq");
        c.CapAdd.Select(x => x.Value).Should().BeEquivalentTo("SYS_ADMIN", "NET_ADMIN");
        c.Devices.Single().PathOnHost.Should().Be("/dev/null");
        c.Devices.Single().Path.Should().Be("HostConfig.Devices[0]");
    }

    [Fact]
    public void Hardened()
    {
        var c = Create("create-hardened.authzreq");
        c.Security.User.Should().Be(Field.Of("1000:1000", "User"));
        c.ReadOnlyRootFilesystem!.Value.Value.Should().BeTrue();
        c.Limits.MemoryBytes!.Value.Value.Should().Be(64 * 1024 * 1024);
        c.Limits.Pids!.Value.Value.Should().Be(100);
        c.Limits.CpuShares!.Value.Value.Should().Be(512);
        c.CapDrop.Select(x => x.Value).Should().Equal("ALL");
        c.AllowPrivilegeEscalation!.Value.Value.Should().BeFalse();
        c.Ports.Single().Should().Be(new PortBinding(80, "tcp", "127.0.0.1", 8080, "HostConfig.PortBindings[80/tcp][0]"));
    }

    [Fact]
    public void Ports_on_all_interfaces()
    {
        var ports = Create("create-ports-all-interfaces.authzreq").Ports;
        ports.Select(p => p.HostPort).Should().BeEquivalentTo([80, 8443]);
        ports.Should().OnlyContain(p => p.OnAllInterfaces);
    }

    [Fact]
    public void Root_user() => Create("create-root-user.authzreq").Security.User.Should().Be(Field.Of("0:0", "User"));

    [Fact]
    public void Systempaths_unconfined_unmasks_proc() => Create("create-systempaths.authzreq").ProcMount.Should().Be(Field.Of("Unmasked", "HostConfig.MaskedPaths"));

    [Theory]
    [InlineData("exec-privileged.authzreq", true, null)]
    [InlineData("exec-user-0.authzreq", false, "0")]
    [InlineData("exec-user-root.authzreq", false, "root")]
    [InlineData("exec-user-1000-1000.authzreq", false, "1000:1000")]
    public void Exec(string fixture, bool privileged, string? user)
    {
        var t = FixtureTranslation.Translate(fixture).Request;
        t.Operation.Should().Be(Operation.Exec);
        t.Exec!.Container.Should().Be("running");
        t.Exec.Privileged!.Value.Value.Should().Be(privileged);
        if (user is not null) t.Exec.User.Should().Be(Field.Of(user, "User"));
        t.Exec.UserFromContainer.Should().Be(user is null, "only an exec that names no user runs as the container's user");
    }

    [Fact]
    public void Exec_without_user_inherits_the_remembered_container_user_or_says_unknown()
    {
        var unknown = FixtureTranslation.Translate("exec-default.authzreq").Request.Exec!.User!.Value;
        unknown.Value.Should().BeEmpty();
        unknown.Path.Should().Contain("unknown");

        var memory = new ContainerMemory();
        var created = FixtureTranslation.Translate(Deciders.Request("POST", "/v1.41/containers/create?name=running", """{"Image":"bb","User":"1000"}"""))!;
        memory.Remember("running", created.Remember!);
        var inherited = FixtureTranslation.Translate("exec-default.authzreq", memory: memory).Request.Exec!.User!.Value;
        inherited.Value.Should().Be("1000");
        inherited.Path.Should().Contain("Config.User").And.Contain("running");
    }

    [Fact]
    public void Inherited_exec_user_is_not_an_override_but_an_inherited_root_is_still_root()
    {
        var strict = new PolicyStore(new CompiledPolicy(
            [new PlanEntry(RuleCatalog.Find("exec-user-root")!.Bind(new RuleParameters(RuleCatalog.Find("exec-user-root")!.Info.Parameters,
                ImmutableDictionary<string, object>.Empty.Add("denyAnyUserOverride", true))), RuleAction.Deny, "strict", Scope.Everything, [])],
            new PolicyVersion("strict"), ["strict"]));
        WorkloadRequest ExecInto(string containerUser)
        {
            var memory = new ContainerMemory();
            var created = FixtureTranslation.Translate(Deciders.Request("POST", "/v1.41/containers/create?name=running", $$$"""{"Image":"bb","User":"{{{containerUser}}}"}"""))!;
            memory.Remember("running", created.Remember!);
            return FixtureTranslation.Translate("exec-default.authzreq", memory: memory).Request;
        }

        strict.Evaluate(ExecInto("1000")).Allowed.Should().BeTrue("the container's own user is not a --user override");
        strict.Evaluate(FixtureTranslation.Translate("exec-user-1000-1000.authzreq").Request).Allowed.Should().BeFalse("--user 1000:1000 is an override");
        var root = strict.Evaluate(ExecInto("0"));
        root.Allowed.Should().BeFalse();
        root.Violations.Single().Detail.Should().Contain("container user 0, which is root");
    }

    [Fact]
    public void Update_with_unlimited_pids()
    {
        var c = FixtureTranslation.Translate("update-unlimited-pids.authzreq").Request.Containers.Single();
        c.Limits.Pids.Should().BeNull("-1 is unlimited");
        c.Limits.MemoryBytes!.Value.Value.Should().Be(128 * 1024 * 1024);
        c.Limits.MemorySwapBytes!.Value.Value.Should().Be(256 * 1024 * 1024);
    }

    [Theory]
    [InlineData("ping.authzreq")]
    [InlineData("list-containers.authzreq")]
    [InlineData("remove-container.authzreq")]
    [InlineData("exec-start.authzreq")]
    public void Other_routes_are_not_translated(string fixture) => FixtureTranslation.Translate(Fixtures.Message(fixture)).Should().BeNull();

    [Fact]
    public void Every_fixture_is_read_without_error()
    {
        foreach (var f in Fixtures.AllRequests)
        {
            var act = () => FixtureTranslation.Translate(Fixtures.Message(f));
            act.Should().NotThrow(f);
        }
    }
}
