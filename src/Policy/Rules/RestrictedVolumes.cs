using System.Collections.Frozen;
using System.Runtime.CompilerServices;
using DockerGuard.Policy.Catalog;
using DockerGuard.Policy.Model;

namespace DockerGuard.Policy.Rules;

/// <summary>
/// restricted-volumes: PSS restrictedVolumes (restricted), one to one.
/// Field: spec.volumes[*] (Kubernetes).
/// Allowed: volume sources configMap, csi, downwardAPI, emptyDir, ephemeral, image,
/// persistentVolumeClaim, projected, secret. Any other source, or none, fails.
/// </summary>
public sealed class RestrictedVolumes : SimpleRule
{
    /// <summary>pod-security-admission check_restrictedVolumes.go.</summary>
    public static readonly FrozenSet<string> AllowedTypes = new[]
    {
        "configMap", "csi", "downwardAPI", "emptyDir", "ephemeral", "image", "persistentVolumeClaim", "projected", "secret",
    }.ToFrozenSet(StringComparer.Ordinal);

    [ModuleInitializer]
    internal static void Register() => RuleCatalog.Register(new RestrictedVolumes());

    public override RuleInfo Info { get; } = new()
    {
        Id = "restricted-volumes",
        Title = "Use only restricted volume types",
        Rationale = "Pod Security restricted allows only volume types that the cluster controls (config, secrets, claims, ephemeral storage): in-tree network and host volumes bypass storage classes and the node's isolation.",
        Remediation = "use configMap, secret, emptyDir, projected, csi or a persistentVolumeClaim",
        References = new() { PssCheck = "restrictedVolumes", PssLevel = PssLevel.Restricted },
        DefaultAction = RuleAction.Off,
        Surfaces = [Surface.Kubernetes],
    };

    protected override void Check(WorkloadRequest request, ViolationSink sink)
    {
        foreach (var v in request.Sandbox.Volumes)
        {
            if (v.Type.Length == 0)
                sink.Add(v.Path, $"volume \"{v.Name}\" has no source");
            else if (!AllowedTypes.Contains(v.Type))
                sink.Add(v.Path, $"volume \"{v.Name}\" of type {v.Type}");
        }
    }
}
