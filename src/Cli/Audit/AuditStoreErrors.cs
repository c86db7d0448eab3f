using System.Data.Common;
using DockerGuard.Audit.Storage;

namespace DockerGuard.Cli.Audit;

/// <summary>Opens the store an <c>audit</c> command names and turns "cannot read (or write) it" into one clear line and exit code 3.</summary>
public static class AuditStoreErrors
{
    /// <param name="forWriting">the command writes (audit import): a SQLite file that does not exist yet is created, not an error.</param>
    public static async Task<int> WithStoreAsync(string connection, CliContext context, string command, Func<IAuditStore, Task<int>> run, bool forWriting = false)
    {
        try
        {
            await using var store = AuditStoreOption.Open(connection, mustExist: !forWriting);
            return await run(store);
        }
        catch (AuditStoreMissingException e)
        {
            context.Error.WriteLine($"dockerguard {command}: {e.Message}");
            return ExitCodes.BadInput;
        }
        catch (Exception e) when (e is DbException or TimeoutException or System.Net.Sockets.SocketException)
        {
            context.Error.WriteLine($"dockerguard {command}: cannot {(forWriting ? "write" : "read")} the audit store: {e.Message}");
            return ExitCodes.BadInput;
        }
    }
}
