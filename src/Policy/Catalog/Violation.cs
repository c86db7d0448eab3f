namespace DockerGuard.Policy.Catalog;

/// <summary>
/// One rule broken by one field. <see cref="Detail"/> says what was asked in the user's terms
/// ("privileged container"); <see cref="FieldPath"/> says where. Rendering into a one-line message
/// is done by <see cref="ViolationText"/> so every surface reads the same.
/// </summary>
public sealed record Violation
{
    public required string RuleId { get; init; }
    public required RuleAction Action { get; init; }
    public required string Detail { get; init; }
    public required string FieldPath { get; init; }
    public References References { get; init; } = References.None;
    public required string Remediation { get; init; }
    /// <summary>The container the field belongs to, when the field is container-level.</summary>
    public string? Container { get; init; }
    /// <summary>The policy whose entry produced this violation.</summary>
    public string Policy { get; init; } = "";
}
