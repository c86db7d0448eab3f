using DockerGuard.OciHook.Tests.Support;
using DockerGuard.Policy.Model;

namespace DockerGuard.OciHook.Tests.Translation;

public class ContainerTranslationTests
{
    [Theory]
    [InlineData("podman-privileged")]
    [InlineData("docker-privileged")]
    [InlineData("podman-forged-annotation")]
    public void Privileged_is_inferred_from_its_evidence(string fixture)
    {
        var c = Fixture.Container(fixture);
        c.Privileged!.Value.Value.Should().BeTrue();
        c.Privileged.Value.Path.Should().StartWith("process.capabilities+linux.seccomp+linux.maskedPaths+linux.resources.devices[");
    }

    [Theory]
    [InlineData("podman-default")]
    [InlineData("docker-default")]
    [InlineData("podman-cap-add-sys-admin")]
    [InlineData("docker-cap-add-sys-admin")]
    [InlineData("podman-seccomp-unconfined")]
    [InlineData("docker-seccomp-unconfined")]
    [InlineData("podman-device-fuse")]
    public void Part_of_the_evidence_is_not_privileged(string fixture) =>
        Fixture.Container(fixture).Privileged!.Value.Value.Should().BeFalse();

    [Fact]
    public void Annotations_never_make_a_container_privileged()
    {
        // The same config as podman-default, with the engine annotation forged to TRUE.
        var spec = Fixture.Spec("podman-default");
        spec = spec with { Annotations = new() { ["io.podman.annotations.privileged"] = "TRUE" } };
        var request = DockerGuard.OciHook.Translation.OciTranslator.Translate(Fixture.State(), spec, new CapturedHost());
        request.Containers[0].Privileged!.Value.Value.Should().BeFalse();
    }

    [Theory]
    [InlineData("podman-cap-add-sys-admin")]
    [InlineData("docker-cap-add-sys-admin")]
    public void Capabilities_beyond_the_runtime_default_are_added(string fixture)
    {
        var c = Fixture.Container(fixture);
        c.CapAdd.Select(f => f.Value).Should().Equal("SYS_ADMIN");
        c.CapAdd[0].Path.Should().MatchRegex(@"^process\.capabilities\.bounding\[\d+\]$");
        c.CapDrop.Should().BeEmpty();
    }

    [Theory]
    [InlineData("podman-default")]
    [InlineData("docker-default")]
    public void The_runtime_default_capabilities_add_and_drop_nothing(string fixture)
    {
        var c = Fixture.Container(fixture);
        c.CapAdd.Should().BeEmpty();
        c.CapDrop.Should().BeEmpty();
    }

    [Fact]
    public void Hardened_container_translates_every_setting()
    {
        var c = Fixture.Container("podman-hardened");
        c.CapAdd.Should().BeEmpty();
        c.CapDrop.Should().HaveCount(14);
        c.ReadOnlyRootFilesystem.Should().Be(Field.Of(true, "root.readonly"));
        c.Security.User.Should().Be(Field.Of("1000:1000", "process.user.uid"));
        c.AllowPrivilegeEscalation.Should().Be(Field.Of(false, "process.noNewPrivileges"));
        c.Limits.Pids.Should().Be(Field.Of(100L, "linux.resources.pids.limit"));
        c.Limits.MemoryBytes.Should().Be(Field.Of(64L * 1024 * 1024, "linux.resources.memory.limit"));
        c.Limits.MemorySwapBytes!.Value.Value.Should().Be(128L * 1024 * 1024);
        c.ProcMount!.Value.Value.Should().Be("Default");
        c.Security.Seccomp!.Value.Kind.Should().Be(SeccompKind.Inline);
        c.Security.Seccomp.Value.IsEffectivelyUnconfined.Should().BeFalse();
    }

    [Theory]
    [InlineData("podman-default")]
    [InlineData("docker-default")]
    public void Defaults_run_as_root_with_escalation_and_a_writable_root(string fixture)
    {
        var c = Fixture.Container(fixture);
        c.Security.User!.Value.Value.Should().Be("0:0");
        c.AllowPrivilegeEscalation!.Value.Value.Should().BeTrue();
        c.ReadOnlyRootFilesystem!.Value.Value.Should().BeFalse();
    }

    [Fact]
    public void Docker_sets_no_pids_limit_podman_sets_2048()
    {
        Fixture.Container("docker-default").Limits.Pids.Should().BeNull();
        Fixture.Container("podman-default").Limits.Pids!.Value.Value.Should().Be(2048);
        Fixture.Container("docker-default").Limits.MemoryBytes.Should().BeNull();
    }

    [Theory]
    [InlineData("podman-seccomp-unconfined")]
    [InlineData("docker-seccomp-unconfined")]
    [InlineData("podman-privileged")]
    public void No_seccomp_section_is_unconfined(string fixture) =>
        Fixture.Container(fixture).Security.Seccomp.Should().Be(new Seccomp(SeccompKind.Unconfined, "linux.seccomp"));

    [Fact]
    public void An_allow_all_profile_is_effectively_unconfined()
    {
        var spec = Fixture.Spec("docker-default");
        spec = spec with { Linux = spec.Linux! with { Seccomp = new() { DefaultAction = "SCMP_ACT_ALLOW", Syscalls = [new() { Names = ["read"], Action = "SCMP_ACT_ALLOW" }] } } };
        var c = DockerGuard.OciHook.Translation.OciTranslator.Translate(Fixture.State(), spec, new CapturedHost()).Containers[0];
        c.Security.Seccomp!.Value.IsEffectivelyUnconfined.Should().BeTrue();
        c.Security.Seccomp.Value.Kind.Should().Be(SeccompKind.Inline);
    }

    [Fact]
    public void Rshared_bind_and_shared_rootfs_are_bidirectional()
    {
        var mounts = Fixture.Container("podman-rshared").Mounts;
        var bind = mounts.Single(m => m.Target == "/x");
        bind.Should().BeEquivalentTo(new { Kind = MountKind.Bind, Source = "/srv/data", Propagation = Propagation.Bidirectional, PropagationAsWritten = "rshared", ReadOnly = false });
        var root = mounts.Single(m => m.Target == "/");
        root.Should().BeEquivalentTo(new { Path = "linux.rootfsPropagation", Propagation = Propagation.Bidirectional, PropagationAsWritten = "shared" });
    }

    [Fact]
    public void Rslave_is_host_to_container_and_adds_no_root_mount()
    {
        var mounts = Fixture.Container("podman-rslave-ro").Mounts;
        mounts.Single(m => m.Target == "/x").Should().BeEquivalentTo(new { Propagation = Propagation.HostToContainer, PropagationAsWritten = "rslave", ReadOnly = true });
        mounts.Should().NotContain(m => m.Target == "/");
    }

    [Fact]
    public void Masked_paths_decide_proc_mount()
    {
        Fixture.Container("podman-privileged").ProcMount.Should().Be(Field.Of("Unmasked", "linux.maskedPaths"));
        Fixture.Container("docker-default").ProcMount!.Value.Value.Should().Be("Default");
    }

    [Fact]
    public void Devices_and_allow_all_rules_are_listed()
    {
        Fixture.Container("podman-device-fuse").Devices.Should().Equal(new Device("/dev/fuse", "/dev/fuse", "rwm", "linux.devices[0]"));
        Fixture.Container("podman-device-fuse").DeviceCgroupRules.Should().BeEmpty();
        Fixture.Container("docker-default").DeviceCgroupRules.Should().BeEmpty();
        var privileged = Fixture.Container("podman-privileged");
        privileged.Devices.Should().HaveCount(101);
        privileged.DeviceCgroupRules.Should().Equal(Field.Of("a *:* rwm", "linux.resources.devices[0]"));
    }

    [Fact]
    public void Docker_sysctls_and_env_names_without_values()
    {
        var request = Fixture.Translate("docker-default");
        request.Sandbox.Sysctls.Select(s => s.Name).Should().BeEquivalentTo("net.ipv4.ip_unprivileged_port_start", "net.ipv4.ping_group_range");
        request.Sandbox.Sysctls.Should().Contain(new Sysctl("net.ipv4.ip_unprivileged_port_start", "0", "linux.sysctl.net.ipv4.ip_unprivileged_port_start"));
        var podman = Fixture.Container("podman-default");
        podman.EnvNames.Should().Contain(["PATH", "HOSTNAME"]);
        podman.EnvNames.Should().NotContain(n => n.Contains('='));
    }

    [Fact]
    public void Request_is_an_oci_create_named_by_short_id()
    {
        var request = Fixture.Translate("podman-default");
        request.Surface.Should().Be(Surface.Oci);
        request.Operation.Should().Be(Operation.Create);
        request.Resource.Id.Should().Be("be7f025ddfd772abc3876bf227003890ae647f7fe0a1de2f21e593ecf0d5cf81");
        request.Containers[0].Name.Should().Be("be7f025ddfd7");
    }

    [Theory]
    [InlineData("docker-default", "/etc/resolv.conf", "/etc/hostname", "/etc/hosts")]
    [InlineData("podman-default", "/dev/shm", "/run/.containerenv", "/etc/hostname", "/etc/hosts")]
    public void The_engines_own_per_container_files_are_not_host_mounts(string fixture, params string[] targets)
    {
        Fixture.Container(fixture).Mounts.Select(m => m.Target).Should().NotContain(targets);
    }

    [Fact]
    public void Another_containers_files_are_host_mounts()
    {
        // Same config, but the hook runs for a different container: the binds are no longer its own.
        var spec = Fixture.Spec("docker-default");
        var c = DockerGuard.OciHook.Translation.OciTranslator.Translate(Fixture.State(), spec, new CapturedHost()).Containers[0];
        c.Mounts.Select(m => m.Target).Should().Contain(["/etc/resolv.conf", "/etc/hostname", "/etc/hosts"]);
        c.Mounts.Should().Contain(m => m.Source.StartsWith("/var/lib/docker/containers/", StringComparison.Ordinal));
    }
}
