namespace DockerGuard.Policy.Model;

/// <summary>Kubernetes distinguishes three; Docker and OCI requests always carry one Regular container.</summary>
public enum ContainerKind
{
    Init,
    Regular,
    Ephemeral,
}
