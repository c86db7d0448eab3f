namespace DockerGuard.AuthzPlugin.Json;

/// <summary>
/// The request cannot be read exactly as dockerd would read it (bad JSON, a key Go would fold onto a
/// field, a duplicate, a type dockerd would refuse). The plugin denies: a body it cannot read the
/// same way as the daemon is a body it cannot judge.
/// </summary>
public sealed class BodyRejectedException(string reason, string fieldPath = "") : Exception(reason)
{
    public string FieldPath { get; } = fieldPath;
}
