namespace DockerGuard.Policy.Catalog;

/// <summary>The types a rule parameter may have in a policy file.</summary>
public enum ParameterType
{
    Bool,
    Int,
    String,
    StringList,
}
