using System.Net;
using System.Runtime.CompilerServices;
using DockerGuard.Policy.Catalog;
using DockerGuard.Policy.Model;

namespace DockerGuard.Policy.Rules;

/// <summary>
/// ports-on-all-interfaces: published ports bind one host address, and -P is not used.
/// Fields: HostConfig.PortBindings[*].HostIp, HostConfig.PublishAllPorts (Docker).
/// Allowed: a specific host address. Flagged: empty, 0.0.0.0, ::, and every other spelling of the
/// unspecified address; PublishAllPorts true (every exposed port, on every interface: CIS 5.8,
/// v1.6 5.9, V-235837, reported here because it is the same exposure).
/// </summary>
public sealed class PortsOnAllInterfaces : SimpleRule
{
    [ModuleInitializer]
    internal static void Register() => RuleCatalog.Register(new PortsOnAllInterfaces());

    public override RuleInfo Info { get; } = new()
    {
        Id = "ports-on-all-interfaces",
        Title = "Bind published ports to a specific host interface",
        Rationale = "A port published without a host address listens on every interface of the host, including public ones, and Docker's iptables rules let it past the host firewall; -P publishes every port the image exposes, whether the workload needs it or not.",
        Remediation = "publish on one address (-p 127.0.0.1:8080:80) and list ports explicitly instead of -P",
        References = new() { CisV12 = "5.13", CisV16 = "5.14", Stig = "V-235820" },
        DefaultAction = RuleAction.Warn,
        Surfaces = [Surface.Docker],
    };

    protected override void Check(WorkloadRequest request, ViolationSink sink)
    {
        foreach (var c in request.Containers)
        {
            if (c.PublishAllPorts is { Value: true } all)
                sink.Add(c, all.Path, "all exposed ports published on all interfaces (-P)");
            // In Docker every binding is published: HostPort 0 only means "a free port".
            foreach (var p in c.Ports)
                if (IsUnspecified(p))
                    sink.Add(c, p.Path, $"port {p.ContainerPort}/{p.Protocol} published on all interfaces");
        }
    }

    /// <summary>
    /// The unspecified address however written: "0", "0.0.0.0", "::", "0:0::0", "[::]", and the
    /// IPv4-mapped "::ffff:0.0.0.0". A string of zeros, dots, colons and brackets is one without
    /// parsing, so the allow path (a real address) allocates nothing.
    /// </summary>
    private static bool IsUnspecified(PortBinding p)
    {
        if (p.OnAllInterfaces) return true;
        var ip = p.HostIp.AsSpan();
        if (ip.IndexOfAnyExcept("0.:[]") < 0) return true;
        if (!ip.Contains("ffff", StringComparison.OrdinalIgnoreCase)) return false;
        return IPAddress.TryParse(ip.Trim("[]"), out var parsed) && parsed.IsIPv4MappedToIPv6 && parsed.MapToIPv4().Equals(IPAddress.Any);
    }
}
