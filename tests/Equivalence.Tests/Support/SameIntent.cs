using System.Text.Json.Nodes;
using DockerGuard.Policy.Catalog;

namespace DockerGuard.Equivalence.Tests.Support;

/// <summary>
/// One dangerous (or harmless) intent written the way each surface receives it. A surface that
/// cannot express the intent says why instead of giving an input (<see cref="NotExpressible"/>).
/// </summary>
public sealed record SameIntent
{
    public required string Name { get; init; }
    /// <summary>The rule every surface must report, or null for a harmless intent (no denial anywhere).</summary>
    public string? Rule { get; init; }
    public RuleAction Action { get; init; } = RuleAction.Deny;
    /// <summary><c>docker create</c>: the HostConfig the CLI sends.</summary>
    public JsonObject? DockerHostConfig { get; init; }
    /// <summary>The edit to a captured ordinary Pod.</summary>
    public Action<JsonObject>? Pod { get; init; }
    /// <summary>The config.json: a Docker capture name and an optional edit of it.</summary>
    public (string Capture, Action<JsonObject>? Edit)? Oci { get; init; }
    /// <summary>Surface name → why that surface cannot say this.</summary>
    public IReadOnlyDictionary<string, string> NotExpressible { get; init; } = new Dictionary<string, string>();

    public override string ToString() => Name;
}
