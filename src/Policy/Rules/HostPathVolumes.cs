using System.Runtime.CompilerServices;
using DockerGuard.Policy.Catalog;
using DockerGuard.Policy.Model;

namespace DockerGuard.Policy.Rules;

/// <summary>
/// host-path-volumes: PSS hostPathVolumes (baseline), and its Docker/OCI counterpart.
/// Fields: spec.volumes[*].hostPath (Kubernetes); HostConfig.Binds[] and HostConfig.Mounts[] of
/// type bind (Docker); mounts[] of type bind (OCI).
/// Allowed: no hostPath volume, no bind mount. Mounts the runtime adds for the container's own
/// files (<see cref="Mount.RuntimeProvided"/>) are not counted.
/// </summary>
public sealed class HostPathVolumes : SimpleRule
{
    [ModuleInitializer]
    internal static void Register() => RuleCatalog.Register(new HostPathVolumes());

    public override RuleInfo Info { get; } = new()
    {
        Id = "host-path-volumes",
        Title = "Do not use host path volumes",
        Rationale = "A host path volume ties the workload to one node's filesystem and opens a path from the container into it (PSS baseline forbids every hostPath). Docker and OCI bind mounts are the same thing, but they are everyday practice there and the dangerous ones are denied by sensitive-host-mounts and docker-socket-mount; so this rule warns by default and a PSS policy sets it to deny.",
        Remediation = "use a named volume, emptyDir or persistentVolumeClaim instead of a host path",
        References = new() { PssCheck = "hostPathVolumes", PssLevel = PssLevel.Baseline },
        DefaultAction = RuleAction.Warn,
    };

    protected override void Check(WorkloadRequest request, ViolationSink sink)
    {
        foreach (var v in request.Sandbox.Volumes)
            if (v.Type == "hostPath" || v.HostPath is not null)
                sink.Add(v.Path, v.HostPath is { } host ? $"hostPath volume \"{v.Name}\" of {host}" : $"hostPath volume \"{v.Name}\"");
        foreach (var c in request.Containers)
            foreach (var m in c.Mounts)
                if (m.Kind == MountKind.Bind && !m.RuntimeProvided)
                    sink.Add(c, m.Path, $"bind mount of {m.Source}");
    }
}
