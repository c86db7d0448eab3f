namespace DockerGuard.Policy.Model;

/// <summary>Where a request entered DockerGuard.</summary>
public enum Surface
{
    Docker,
    Kubernetes,
    Oci,
}
