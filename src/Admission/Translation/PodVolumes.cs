using System.Collections.Immutable;
using DockerGuard.Policy.Model;
using k8s.Models;

namespace DockerGuard.Admission.Translation;

/// <summary>
/// <c>spec.volumes</c> as <see cref="Volume"/>s, with the type named by the source field that is set
/// (the name PSS restrictedVolumes compares), and a lookup for the containers' volumeMounts.
/// </summary>
public sealed class PodVolumes
{
    private readonly IList<V1Volume>? _source;

    public PodVolumes(IList<V1Volume>? volumes, string specPath)
    {
        _source = volumes;
        All = volumes is null
            ? []
            : [.. volumes.Select((v, i) => new Volume(v.Name ?? "", TypeOf(v), v.HostPath?.Path, $"{specPath}.volumes[{i}]"))];
    }

    public ImmutableArray<Volume> All { get; }

    public Volume? Find(string? name)
    {
        foreach (var v in All)
            if (v.Name == name) return v;
        return null;
    }

    public bool IsMemoryBacked(string? name) =>
        _source?.FirstOrDefault(v => v.Name == name)?.EmptyDir?.Medium == "Memory";

    /// <summary>The one volume source field set, by its JSON name; "" when none (PSS treats that as a failure).</summary>
    public static string TypeOf(V1Volume v) =>
        v.HostPath is not null ? "hostPath"
        : v.ConfigMap is not null ? "configMap"
        : v.Secret is not null ? "secret"
        : v.EmptyDir is not null ? "emptyDir"
        : v.Projected is not null ? "projected"
        : v.DownwardAPI is not null ? "downwardAPI"
        : v.PersistentVolumeClaim is not null ? "persistentVolumeClaim"
        : v.Ephemeral is not null ? "ephemeral"
        : v.Csi is not null ? "csi"
        : v.Image is not null ? "image"
        : v.AwsElasticBlockStore is not null ? "awsElasticBlockStore"
        : v.AzureDisk is not null ? "azureDisk"
        : v.AzureFile is not null ? "azureFile"
        : v.Cephfs is not null ? "cephfs"
        : v.Cinder is not null ? "cinder"
        : v.Fc is not null ? "fc"
        : v.FlexVolume is not null ? "flexVolume"
        : v.Flocker is not null ? "flocker"
        : v.GcePersistentDisk is not null ? "gcePersistentDisk"
        : v.GitRepo is not null ? "gitRepo"
        : v.Glusterfs is not null ? "glusterfs"
        : v.Iscsi is not null ? "iscsi"
        : v.Nfs is not null ? "nfs"
        : v.PhotonPersistentDisk is not null ? "photonPersistentDisk"
        : v.PortworxVolume is not null ? "portworxVolume"
        : v.Quobyte is not null ? "quobyte"
        : v.Rbd is not null ? "rbd"
        : v.ScaleIO is not null ? "scaleIO"
        : v.Storageos is not null ? "storageos"
        : v.VsphereVolume is not null ? "vsphereVolume"
        : "";
}
