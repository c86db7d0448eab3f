namespace DockerGuard.Policy.Catalog;

/// <summary>Kubernetes Pod Security Standards level a check belongs to.</summary>
public enum PssLevel
{
    Baseline,
    Restricted,
}
