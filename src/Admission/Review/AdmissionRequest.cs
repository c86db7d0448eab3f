using System.Collections.Immutable;
using System.Text.Json;

namespace DockerGuard.Admission.Review;

/// <summary>Group, version and kind (<c>request.kind</c>).</summary>
public readonly record struct GroupVersionKind(string Group, string Version, string Kind);

/// <summary>Group, version and resource (<c>request.resource</c>).</summary>
public readonly record struct GroupVersionResource(string Group, string Version, string Resource);

/// <summary>
/// The parts of an <c>admission.k8s.io/v1</c> AdmissionRequest DockerGuard reads. The embedded
/// objects stay as JSON until the dispatcher knows which Kubernetes model to decode them into.
/// </summary>
public sealed record AdmissionRequest
{
    public required string Uid { get; init; }
    public required GroupVersionKind Kind { get; init; }
    public required GroupVersionResource Resource { get; init; }
    public string SubResource { get; init; } = "";
    public string Name { get; init; } = "";
    public string Namespace { get; init; } = "";
    /// <summary>CREATE, UPDATE, DELETE or CONNECT (not the HTTP verb).</summary>
    public required string Operation { get; init; }
    public string? UserName { get; init; }
    public ImmutableArray<string> Groups { get; init; } = [];
    public JsonElement? Object { get; init; }
    public JsonElement? OldObject { get; init; }
    public bool DryRun { get; init; }
}
