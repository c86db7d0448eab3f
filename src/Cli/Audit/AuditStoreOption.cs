using DockerGuard.Audit.Storage;

namespace DockerGuard.Cli.Audit;

/// <summary>
/// Which audit store an <c>audit</c> command reads: <c>--audit sqlite:PATH|postgres://...</c>, or
/// by default the same file the servers write, <c>&lt;state dir&gt;/audit.db</c> with the state dir
/// <c>--state-dir</c> (default <see cref="DefaultStateDir"/>).
/// </summary>
public static class AuditStoreOption
{
    public const string DefaultStateDir = "/var/lib/dockerguard";
    public const string Help = """
          --audit STORE      sqlite:PATH, a bare PATH, or postgres://user@host:port/db (default: sqlite:<state dir>/audit.db)
          --state-dir DIR    where the servers keep their state (default /var/lib/dockerguard)
        """;

    /// <summary>The store connection string the options name.</summary>
    public static string Resolve(CliArgs args)
    {
        var store = args.Option("audit");
        var stateDir = args.Option("state-dir");
        if (store is not null && stateDir is not null) throw new CliUsageException("give --audit or --state-dir, not both");
        return store ?? "sqlite:" + Path.Combine(stateDir ?? DefaultStateDir, "audit.db");
    }

    /// <summary>Opens the store. For reading (<paramref name="mustExist"/>) a SQLite file that does not exist is an error, not a new empty store.</summary>
    public static IAuditStore Open(string connection, bool mustExist = true)
    {
        IAuditStore store;
        try
        {
            store = AuditStoreFactory.Open(connection);
        }
        catch (ArgumentException e)
        {
            throw new CliUsageException(e.Message);
        }
        if (mustExist && store is JournaledAuditStore { Inner: var sqlite } && !File.Exists(sqlite.Path))
            throw new AuditStoreMissingException($"no audit store at {sqlite.Path}: give --audit sqlite:PATH or postgres://..., or --state-dir of a server that records decisions");
        return store;
    }
}

/// <summary>The named store does not exist: exit code <see cref="ExitCodes.BadInput"/>.</summary>
public sealed class AuditStoreMissingException(string message) : Exception(message);
