using DockerGuard.AuthzPlugin.Json;
using DockerGuard.AuthzPlugin.Tests.Support;
using DockerGuard.AuthzPlugin.Translation;
using DockerGuard.Policy.Model;

namespace DockerGuard.AuthzPlugin.Tests.Translation;

/// <summary>Reference §9 grammars: SecurityOpt, Binds, CapAdd, plus Mounts, volumes, services and plugins.</summary>
public class GrammarTests
{
    private static SecurityOptions Opts(params string[] opts) => SecurityOptGrammar.Parse([.. opts.Select((o, i) => (o, $"HostConfig.SecurityOpt[{i}]"))]);

    [Theory]
    [InlineData("seccomp=unconfined")]
    [InlineData("seccomp:unconfined")]
    [InlineData("""seccomp={"defaultAction":"SCMP_ACT_ALLOW"}""")]
    [InlineData("""seccomp={"defaultaction":"SCMP_ACT_ALLOW","syscalls":[{"names":["mkdir"],"action":"SCMP_ACT_LOG"}]}""")]
    public void Seccomp_unconfined_in_every_spelling(string opt) => Opts(opt).Seccomp!.Value.IsEffectivelyUnconfined.Should().BeTrue();

    [Theory]
    [InlineData("""seccomp={"defaultAction":"SCMP_ACT_ERRNO"}""")]
    [InlineData("""seccomp={"defaultAction":"SCMP_ACT_ALLOW","syscalls":[{"names":["mount"],"action":"SCMP_ACT_ERRNO"}]}""")]
    [InlineData("seccomp=builtin")]
    public void Seccomp_profiles_that_confine(string opt) => Opts(opt).Seccomp!.Value.IsEffectivelyUnconfined.Should().BeFalse();

    [Fact]
    public void Last_security_opt_wins_as_in_the_daemon()
    {
        Opts("seccomp=unconfined", """seccomp={"defaultAction":"SCMP_ACT_ERRNO"}""").Seccomp!.Value.IsEffectivelyUnconfined.Should().BeFalse();
        Opts("apparmor=docker-default", "apparmor:unconfined").AppArmor!.Value.Should().Be(new AppArmor(AppArmorKind.Unconfined, "HostConfig.SecurityOpt[1]"));
    }

    [Theory]
    [InlineData("label=disable")]
    [InlineData("label:disable")]
    [InlineData("disable")]
    public void SELinux_disable(string opt) => Opts(opt).SELinux!.Value.Disabled.Should().BeTrue();

    [Fact]
    public void SELinux_type_override() => Opts("label=type:spc_t").SELinux!.Value.Type.Should().Be("spc_t");

    [Theory]
    [InlineData("no-new-privileges", false)]
    [InlineData("no-new-privileges=true", false)]
    [InlineData("no-new-privileges:1", false)]
    [InlineData("no-new-privileges=false", true)]
    [InlineData("no-new-privileges=F", true)]
    public void No_new_privileges(string opt, bool allowEscalation) => Opts(opt).AllowPrivilegeEscalation!.Value.Value.Should().Be(allowEscalation);

    [Theory]
    [InlineData("Seccomp=unconfined")]
    [InlineData("systempaths=unconfined")]
    [InlineData("no-new-privileges=yes")]
    [InlineData("unconfined")]
    public void Options_the_daemon_rejects_are_refused(string opt)
    {
        var act = () => Opts(opt);
        act.Should().Throw<BodyRejectedException>();
    }

    [Theory]
    [InlineData("/srv:/data", MountKind.Bind, "/srv", false, Propagation.Private)]
    [InlineData("/srv:/data:ro,rshared", MountKind.Bind, "/srv", true, Propagation.Bidirectional)]
    [InlineData("/srv/../etc/:/data:rslave", MountKind.Bind, "/etc", false, Propagation.HostToContainer)]
    [InlineData("vol:/data:z", MountKind.Volume, "vol", false, Propagation.Private)]
    public void Binds(string raw, MountKind kind, string source, bool readOnly, Propagation propagation)
    {
        var m = BindGrammar.Parse(raw, "HostConfig.Binds[0]");
        (m.Kind, m.Source, m.ReadOnly, m.Propagation).Should().Be((kind, source, readOnly, propagation));
    }

    [Theory]
    [InlineData("/a")]
    [InlineData("/a:/b:ro:x")]
    [InlineData("/a:/b:shared,rslave")]
    [InlineData("/a:/b:bogus")]
    public void Invalid_binds_are_refused(string raw)
    {
        var act = () => BindGrammar.Parse(raw, "HostConfig.Binds[0]");
        act.Should().Throw<BodyRejectedException>();
    }

    [Theory]
    [InlineData("SYS_ADMIN", "SYS_ADMIN")]
    [InlineData("cap_sys_admin", "SYS_ADMIN")]
    [InlineData("sys_admin", "SYS_ADMIN")]
    [InlineData("all", "ALL")]
    [InlineData("\u017Fys_admin", "SYS_ADMIN")]   // Go strings.ToUpper maps LONG S to S
    [InlineData("net_\u0131pc_owner", "NET_IPC_OWNER")] // and dotless i to I
    public void Capabilities_normalise_like_dockerd(string raw, string normalised) => CapabilityName.Normalize(raw).Should().Be(normalised);

    [Fact]
    public void Volume_mount_with_local_bind_options_is_a_host_bind()
    {
        var c = FixtureTranslation.Create("""{"Image":"bb","HostConfig":{"Mounts":[{"Type":"volume","Source":"v","Target":"/x","VolumeOptions":{"DriverConfig":{"Name":"local","Options":{"type":"none","o":"bind","device":"/etc"}}}}]}}""").Containers.Single();
        c.Mounts.Single().Should().Match<Mount>(m => m.Kind == MountKind.Bind && m.Source == "/etc" && m.Path == "HostConfig.Mounts[0].VolumeOptions.DriverConfig.Options[device]");
    }

    [Fact]
    public void Volume_create_with_bind_options_is_a_bind_of_a_volume_resource()
    {
        var r = FixtureTranslation.Translate(Deciders.Request("POST", "/v1.41/volumes/create", """{"Name":"etc","Driver":"local","DriverOpts":{"type":"none","o":"bind","device":"/etc"}}"""))!.Request;
        r.Resource.Kind.Should().Be("Volume");
        r.Containers.Single().Mounts.Single().Should().Match<Mount>(m => m.Kind == MountKind.Bind && m.Source == "/etc" && m.Path == "DriverOpts[device]");
    }

    [Fact]
    public void VolumesFrom_resolves_known_containers_and_refuses_unknown_ones()
    {
        var act = () => FixtureTranslation.Create("""{"Image":"bb","HostConfig":{"VolumesFrom":["other:ro"]}}""");
        act.Should().Throw<BodyRejectedException>().WithMessage("*has not seen*");
    }

    [Fact]
    public void Service_task_template()
    {
        var r = FixtureTranslation.Translate(Deciders.Request("POST", "/v1.41/services/create", """
            {"Name":"s","TaskTemplate":{"ContainerSpec":{"Image":"bb","User":"0","CapabilityAdd":["CAP_SYS_ADMIN"],"Privileges":{"Seccomp":{"Mode":"unconfined"},"AppArmor":{"Mode":"disabled"}},"Mounts":[{"Type":"bind","Source":"/var/run/docker.sock","Target":"/s"}]},
             "Networks":[{"Target":"host"}],"Runtime":"plugin"},"EndpointSpec":{"Ports":[{"TargetPort":80,"PublishedPort":80,"PublishMode":"host"}]}}
            """))!.Request;
        var c = r.Containers.Single();
        r.Resource.Kind.Should().Be("Service");
        c.CapAdd.Single().Value.Should().Be("SYS_ADMIN");
        c.Security.Seccomp!.Value.Kind.Should().Be(SeccompKind.Unconfined);
        c.Security.AppArmor!.Value.Kind.Should().Be(AppArmorKind.Unconfined);
        c.Mounts.Single().Path.Should().Be("TaskTemplate.ContainerSpec.Mounts[0]");
        r.Sandbox.Namespaces.Network.Should().Be(NamespaceSetting.Host("TaskTemplate.Networks[0].Target"));
        c.Runtime!.Value.Value.Should().Be("plugin");
        c.Ports.Single().HostPort.Should().Be(80);
    }

    [Theory]
    [InlineData("POST", "/v1.41/plugins/pull?remote=vieux/sshfs:latest&name=sshfs", "pull", "sshfs", "vieux/sshfs:latest")]
    [InlineData("POST", "/v1.41/plugins/dockerguard/disable", "disable", "dockerguard", null)]
    [InlineData("POST", "/v1.41/plugins/dockerguard:latest/upgrade?remote=evil/x", "upgrade", "dockerguard:latest", "evil/x")]
    [InlineData("POST", "/v1.41/plugins/dockerguard/set", "set", "dockerguard", null)]
    [InlineData("DELETE", "/v1.41/plugins/dockerguard?force=1", "remove", "dockerguard", null)]
    public void Plugins(string method, string uri, string action, string name, string? remote)
    {
        var p = FixtureTranslation.Translate(Deciders.Request(method, uri, method == "POST" ? "[]" : null))!.Request.Plugin!;
        (p.Action, p.Name, p.Remote).Should().Be((action, name, remote));
    }
}
