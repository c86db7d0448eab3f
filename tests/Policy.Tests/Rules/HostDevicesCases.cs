using DockerGuard.Policy.Model;
using DockerGuard.Policy.Tests.Support;

namespace DockerGuard.Policy.Tests.Rules;

public sealed class HostDevicesCases : RuleCases
{
    public override string RuleId => "host-devices";

    private static Func<Container, Container> Device(string onHost, string path = "HostConfig.Devices[0]") =>
        c => c with { Devices = [new Device(onHost, "/dev/x", "rwm", path)] };

    private static Func<Container, Container> CgroupRule(string rule, string path = "HostConfig.DeviceCgroupRules") =>
        c => c with { DeviceCgroupRules = Requests.Strings(path, rule) };

    private static Func<Container, Container> Request(string request) =>
        c => c with { DeviceRequests = Requests.Strings("HostConfig.DeviceRequests", request) };

    private static readonly string[] Fuse = ["/dev/fuse"];

    public override IEnumerable<RuleCase> Deny =>
    [
        new("docker --device /dev/sda", Requests.Docker(Device("/dev/sda")), "HostConfig.Devices[0]"),
        new("docker --device /dev/null:/dev/xnull", Requests.Docker(Device("/dev/null")), "HostConfig.Devices[0]"),
        new("docker --device-cgroup-rule 'a *:* rwm'", Requests.Docker(CgroupRule("a *:* rwm")), "HostConfig.DeviceCgroupRules[0]"),
        new("docker --gpus all", Requests.Docker(Request("nvidia:gpu")), "HostConfig.DeviceRequests[0]"),
        new RuleCase("allowed /dev/fuse does not cover /dev/fuse2", Requests.Docker(Device("/dev/fuse2")), "HostConfig.Devices[0]").With("allowedDevices", Fuse),
        new RuleCase("allowed /dev/fuse does not cover /dev/../dev/sda", Requests.Docker(Device("/dev/fuse/../sda")), "HostConfig.Devices[0]").With("allowedDevices", Fuse),
        new RuleCase("allowed device does not cover a cgroup rule", Requests.Docker(CgroupRule("c 8:* rwm")), "HostConfig.DeviceCgroupRules[0]").With("allowedDevices", Fuse),
        new("oci linux.devices", Requests.Oci(Device("/dev/kmsg", "linux.devices[0]")), "linux.devices[0]"),
        new("oci linux.resources.devices allow rule", Requests.Oci(CgroupRule("c 10:229 rwm", "linux.resources.devices")), "linux.resources.devices[0]"),
    ];

    public override IEnumerable<RuleCase> Allow =>
    [
        new("docker default", Requests.Docker()),
        new RuleCase("allowed /dev/fuse", Requests.Docker(Device("/dev/fuse"))).With("allowedDevices", Fuse),
        new RuleCase("allowed device written unclean", Requests.Docker(Device("//dev/./fuse"))).With("allowedDevices", Fuse),
        new RuleCase("device under an allowed directory", Requests.Docker(Device("/dev/snd/pcmC0D0p"))).With("allowedDevices", new[] { "/dev/snd/" }),
        new RuleCase("allowed cgroup rule", Requests.Docker(CgroupRule("c 10:229 rwm"))).With("allowedDeviceCgroupRules", new[] { "c 10:229 rwm" }),
        new RuleCase("allowed device request", Requests.Docker(Request("nvidia:gpu"))).With("allowedDeviceRequests", new[] { "nvidia:gpu" }),
        new("pod default", Requests.Pod()),
        new("oci default", Requests.Oci()),
    ];
}
