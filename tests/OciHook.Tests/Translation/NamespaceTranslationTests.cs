using DockerGuard.OciHook.Spec;
using DockerGuard.OciHook.Tests.Support;
using DockerGuard.OciHook.Translation;
using DockerGuard.Policy.Model;

namespace DockerGuard.OciHook.Tests.Translation;

public class NamespaceTranslationTests
{
    [Theory]
    [InlineData("podman-default")]
    [InlineData("docker-default")]
    [InlineData("podman-cgroupns-private")]
    public void Default_containers_get_private_network_pid_ipc_uts(string fixture)
    {
        var ns = Fixture.Translate(fixture).Sandbox.Namespaces;
        ns.Network.Mode.Should().Be(NamespaceMode.Private);
        ns.Pid.Mode.Should().Be(NamespaceMode.Private);
        ns.Ipc.Mode.Should().Be(NamespaceMode.Private);
        ns.Uts.Mode.Should().Be(NamespaceMode.Private);
    }

    [Theory]
    [InlineData("podman-net-host", "network")]
    [InlineData("podman-pid-host", "pid")]
    [InlineData("podman-ipc-host", "ipc")]
    [InlineData("podman-uts-host", "uts")]
    [InlineData("docker-pid-host", "pid")]
    [InlineData("docker-ipc-host", "ipc")]
    [InlineData("docker-uts-host", "uts")]
    public void An_absent_entry_is_the_host_namespace_asked_for(string fixture, string type)
    {
        var setting = Select(Fixture.Translate(fixture).Sandbox.Namespaces, type);
        setting.Should().Be(NamespaceSetting.Host("linux.namespaces"));
        setting.Explicit.Should().BeTrue();
    }

    [Fact]
    public void Docker_host_network_is_a_path_to_the_host_netns()
    {
        var net = Fixture.Translate("docker-net-host").Sandbox.Namespaces.Network;
        net.Mode.Should().Be(NamespaceMode.Host);
        net.Path.Should().Be("linux.namespaces[1].path");
    }

    [Fact]
    public void A_path_into_another_namespace_is_sharing_with_a_container()
    {
        var spec = Fixture.Spec("docker-default");
        spec = spec with { Linux = spec.Linux! with { Namespaces = [new OciNamespace { Type = "network", Path = "/proc/4242/ns/net" }, new OciNamespace { Type = "pid" }] } };
        var net = OciTranslator.Translate(Fixture.State(), spec, new CapturedHost()).Sandbox.Namespaces.Network;
        net.Should().Be(NamespaceSetting.Container("linux.namespaces[0].path", "/proc/4242/ns/net"));
    }

    [Fact]
    public void A_namespace_path_that_does_not_resolve_is_an_input_error()
    {
        var spec = Fixture.Spec("docker-default");
        spec = spec with { Linux = spec.Linux! with { Namespaces = [new OciNamespace { Type = "ipc", Path = "/nonexistent/ns" }] } };
        var act = () => OciTranslator.Translate(Fixture.State(), spec, new CapturedHost());
        act.Should().Throw<OciInputException>().WithMessage("linux.namespaces[0].path /nonexistent/ns: cannot resolve the ipc namespace*");
    }

    [Theory]
    [InlineData("podman-default")]
    [InlineData("podman-userns-host")]
    [InlineData("docker-default")]
    public void Missing_user_and_cgroup_entries_are_the_host_by_default(string fixture)
    {
        var ns = Fixture.Translate(fixture).Sandbox.Namespaces;
        ns.User.Should().Be(NamespaceSetting.HostByDefault("linux.namespaces"));
        ns.Cgroup.Should().Be(NamespaceSetting.HostByDefault("linux.namespaces"));
    }

    [Fact]
    public void Mapped_user_namespace_and_private_cgroupns_are_private()
    {
        Fixture.Translate("podman-userns-mapped").Sandbox.Namespaces.User.Should().Be(NamespaceSetting.Private("linux.namespaces[5]"));
        Fixture.Translate("podman-cgroupns-private").Sandbox.Namespaces.Cgroup.Mode.Should().Be(NamespaceMode.Private);
    }

    private static NamespaceSetting Select(Namespaces ns, string type) => type switch
    {
        "network" => ns.Network,
        "pid" => ns.Pid,
        "ipc" => ns.Ipc,
        _ => ns.Uts,
    };
}
