using System.Collections.Immutable;

namespace DockerGuard.Admission.Review;

/// <summary>
/// The response half of an AdmissionReview, before serialisation. A validating webhook never
/// sends patch or patchType (the apiserver rejects them), so this type has no place for them.
/// </summary>
public sealed record AdmissionAnswer
{
    public required string Uid { get; init; }
    public required bool Allowed { get; init; }
    /// <summary>The denial message; only sent when <see cref="Allowed"/> is false, with code 403 and reason Forbidden.</summary>
    public string? Message { get; init; }
    public ImmutableArray<string> Warnings { get; init; } = [];
    public ImmutableDictionary<string, string> AuditAnnotations { get; init; } = ImmutableDictionary<string, string>.Empty;

    public static AdmissionAnswer Deny(string uid, string message, ImmutableDictionary<string, string>? annotations = null) =>
        new() { Uid = uid, Allowed = false, Message = message, AuditAnnotations = annotations ?? ImmutableDictionary<string, string>.Empty };
}
