namespace DockerGuard.Policy.Files;

/// <summary>
/// Reload outcomes since start, for the metrics layer to export (a reload failure means the
/// running plan is older than what is on disk, which an operator must hear about).
/// </summary>
public sealed class PolicyReloadCounters
{
    private long _succeeded;
    private long _failed;
    private PolicyLoadResult? _lastFailure;

    /// <summary>Reloads that put a new plan in place.</summary>
    public long Succeeded => Interlocked.Read(ref _succeeded);
    /// <summary>Reloads that found a broken directory and kept the running plan.</summary>
    public long Failed => Interlocked.Read(ref _failed);
    /// <summary>The most recent failure, or null once a later reload succeeded.</summary>
    public PolicyLoadResult? LastFailure => Volatile.Read(ref _lastFailure);

    internal void Success()
    {
        Interlocked.Increment(ref _succeeded);
        Volatile.Write(ref _lastFailure, null);
    }

    /// <summary>The directory is loadable again (e.g. an edit was reverted) even if nothing new was swapped in.</summary>
    internal void Recovered() => Volatile.Write(ref _lastFailure, null);

    internal void Failure(PolicyLoadResult result)
    {
        Interlocked.Increment(ref _failed);
        Volatile.Write(ref _lastFailure, result);
    }
}
