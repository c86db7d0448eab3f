using System.Collections.Frozen;
using System.Globalization;
using System.Runtime.CompilerServices;
using DockerGuard.Policy.Catalog;
using DockerGuard.Policy.Model;

namespace DockerGuard.Policy.Rules;

/// <summary>
/// host-ports: PSS hostPorts (baseline).
/// Field: ports[*].hostPort of every container kind (Kubernetes).
/// Allowed: unset or 0, or a port listed in <c>allowedPorts</c>. Docker publishing is governed by
/// privileged-ports and ports-on-all-interfaces instead.
/// </summary>
public sealed class HostPorts : Rule<HostPorts.Settings>
{
    public sealed record Settings(FrozenSet<int> Allowed);

    [ModuleInitializer]
    internal static void Register() => RuleCatalog.Register(new HostPorts());

    public override RuleInfo Info { get; } = new()
    {
        Id = "host-ports",
        Title = "Do not use host ports",
        Rationale = "A hostPort binds the node's own network interfaces: it bypasses Services and NetworkPolicy, collides with node daemons and limits scheduling to one pod per port and node.",
        Remediation = "remove hostPort and expose the container through a Service",
        References = new() { PssCheck = "hostPorts", PssLevel = PssLevel.Baseline },
        Parameters = [ParameterSpec.List("allowedPorts", [], "host ports that may be used, as numbers (\"8080\")")],
        Surfaces = [Surface.Kubernetes],
    };

    protected override Settings ReadSettings(RuleParameters parameters) =>
        new(parameters.GetList("allowedPorts").Select(ParsePort).ToFrozenSet());

    private static int ParsePort(string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is >= 1 and <= 65535
            ? port
            : throw new ArgumentException($"host-ports: allowedPorts entry '{text}' is not a port number (1-65535)");

    protected override void Check(WorkloadRequest request, Settings settings, ViolationSink sink)
    {
        foreach (var c in request.Containers)
            foreach (var p in c.Ports)
                if (p.HostPort != 0 && !settings.Allowed.Contains(p.HostPort))
                    sink.Add(c, p.Path, $"host port {p.HostPort}/{p.Protocol}");
    }
}
