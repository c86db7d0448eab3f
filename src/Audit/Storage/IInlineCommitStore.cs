namespace DockerGuard.Audit.Storage;

/// <summary>
/// A store whose write, right now, is a buffered append that completes before it returns: no fsync, no
/// network, no lock wait (the SQLite store's pending journal with <c>synchronous=NORMAL</c>, while its indexer
/// keeps up). The group-commit writer then lets a caller that finds nothing queued commit its own record on its
/// own thread, instead of waking the writer loop and being woken back by it: two thread hand-offs per decision.
/// </summary>
internal interface IInlineCommitStore
{
    /// <summary>Asked before every write: false while writes would wait (full sync, back-pressure, indexing failed, journal not owned).</summary>
    bool CommitsInline { get; }
}
