namespace DockerGuard.Audit.Storage;

/// <summary>
/// A store that runs retention itself, off the commit path: the SQLite store with its pending journal runs it
/// on its indexer thread, after an index pass, so it sees every committed record and no decision waits for a
/// delete. The group-commit writer hands retention over instead of trimming between commits.
/// </summary>
internal interface ISelfTrimmingStore
{
    void RunRetention(RetentionPolicy retention, int batch, TimeSpan interval, TimeProvider time);
}
