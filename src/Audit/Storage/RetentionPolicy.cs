namespace DockerGuard.Audit.Storage;

/// <summary>How long records stay: older than <see cref="MaxAge"/> or beyond the newest <see cref="MaxRecords"/> are deleted. Null keeps all.</summary>
public sealed record RetentionPolicy(TimeSpan? MaxAge = null, long? MaxRecords = null)
{
    public static readonly RetentionPolicy KeepAll = new();
    public bool KeepsAll => MaxAge is null && MaxRecords is null;
}
