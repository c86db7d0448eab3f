using System.Collections.Immutable;
using System.Data.Common;
using System.Globalization;
using System.Text;
using DockerGuard.Audit.Query;
using DockerGuard.Audit.Records;

namespace DockerGuard.Audit.Storage;

/// <summary>
/// The store logic both databases share: the schema in <see cref="Schema"/>, multi-row inserts in
/// one transaction per batch, the query filters, stats and retention. Subclasses only open
/// connections and take the migration lock.
/// </summary>
public abstract class SqlAuditStore : IAuditStore
{
    // Rows per INSERT statement: 12 parameters a row stays far below SQLite's 32766 and PostgreSQL's 65535 parameter limits.
    private const int RowsPerStatement = 200;
    private readonly SemaphoreSlim _writerGate = new(1, 1);
    private DbConnection? _writer;

    public abstract string Description { get; }

    protected abstract Task<DbConnection> OpenAsync(CancellationToken cancellationToken);

    /// <summary>The one connection batches and retention deletes run on; a store may tune it for writing.</summary>
    protected virtual Task<DbConnection> OpenWriterAsync(CancellationToken cancellationToken) => OpenAsync(cancellationToken);

    /// <summary>Column type for keys compared by range (see <see cref="Schema"/>).</summary>
    protected abstract string KeyType { get; }

    /// <summary>Serialises migrations across processes inside <paramref name="transaction"/>.</summary>
    protected abstract Task LockForMigrationAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken);

    public async Task MigrateAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var tx = await connection.BeginTransactionAsync(cancellationToken);
        await LockForMigrationAsync(connection, tx, cancellationToken);
        await ExecuteAsync(connection, tx, Schema.MigrationsTable, [], cancellationToken);
        var applied = new HashSet<int>();
        await using (var cmd = Command(connection, tx, "SELECT version FROM schema_migrations", []))
        await using (var reader = await cmd.ExecuteReaderAsync(cancellationToken))
            while (await reader.ReadAsync(cancellationToken)) applied.Add(Convert.ToInt32(reader.GetValue(0), CultureInfo.InvariantCulture));
        foreach (var (version, statements) in Schema.Migrations)
        {
            if (applied.Contains(version)) continue;
            foreach (var sql in statements) await ExecuteAsync(connection, tx, sql.Replace("{key}", KeyType, StringComparison.Ordinal), [], cancellationToken);
            await ExecuteAsync(connection, tx, "INSERT INTO schema_migrations (version, applied_at) VALUES (@v, @t)",
                [("v", version), ("t", DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture))], cancellationToken);
        }
        await tx.CommitAsync(cancellationToken);
    }

    public async Task WriteAsync(IReadOnlyList<DecisionRecord> records, IReadOnlyList<Completion> completions, CancellationToken cancellationToken = default)
    {
        if (records.Count == 0 && completions.Count == 0) return;
        await _writerGate.WaitAsync(cancellationToken);
        try
        {
            _writer ??= await OpenWriterAsync(cancellationToken);
            await using var tx = await _writer.BeginTransactionAsync(cancellationToken);
            await InsertAsync(_writer, tx, records, cancellationToken);
            foreach (var c in completions)
                await ExecuteAsync(_writer, tx, "UPDATE decisions SET response_status = @s, created_container_id = @c WHERE id = @id",
                    [("s", (object?)c.ResponseStatus), ("c", Redactor.Text(c.ContainerId)), ("id", c.DecisionId)], cancellationToken);
            await tx.CommitAsync(cancellationToken);
            AfterCommit(_writer);
        }
        catch
        {
            // The connection may be the reason (server gone, file unwritable): the next batch opens a fresh one.
            await DropWriterAsync();
            throw;
        }
        finally
        {
            _writerGate.Release();
        }
    }

    /// <summary>Runs on the writer connection after each committed batch, before the next one begins (SQLite: WAL housekeeping).</summary>
    protected virtual void AfterCommit(DbConnection writer)
    {
    }

    /// <summary>Inserts a batch inside the caller's transaction. Default: multi-row INSERTs, one round trip per
    /// <see cref="RowsPerStatement"/> rows, which suits a server over a socket.</summary>
    protected virtual async Task InsertAsync(DbConnection connection, DbTransaction tx, IReadOnlyList<DecisionRecord> records, CancellationToken ct)
    {
        for (var i = 0; i < records.Count; i += RowsPerStatement)
            await InsertRowsAsync(connection, tx, records.Skip(i).Take(RowsPerStatement).ToList(), ct);
    }

    /// <summary>The three rows-sets a record becomes: the decision (JSON of the record without completion fields), its rules (strongest action each), its images.</summary>
    protected static (object?[] Decision, List<(string Rule, string Action)> Rules, IEnumerable<string> Images) Rows(DecisionRecord r) =>
        ([r.Id, r.Time.ToUnixTimeMilliseconds(), r.Host, r.Surface, r.Operation, r.User, r.Namespace, r.Decision, r.PolicyVersion, r.ResponseStatus, r.CreatedContainerId,
            RecordJson.Serialize(r.ResponseStatus is null && r.CreatedContainerId is null ? r : r with { ResponseStatus = null, CreatedContainerId = null })],
         StrongestActionPerRule(r.Violations),
         // Images are distinct already (DecisionRecordFactory), but a replayed spill line may come from an older version.
         r.Images.Length < 2 ? r.Images : r.Images.Distinct(StringComparer.Ordinal));

    /// <summary>One row per rule with its strongest action. A loop, not GroupBy: this runs for every record on the commit path, and records carry a handful of violations.</summary>
    private static List<(string Rule, string Action)> StrongestActionPerRule(ImmutableArray<ViolationRecord> violations)
    {
        var rows = new List<(string Rule, string Action)>(violations.Length);
        foreach (var v in violations)
        {
            var at = rows.FindIndex(row => row.Rule == v.Rule);
            if (at < 0) rows.Add((v.Rule, v.Action));
            else if (ActionRank(v.Action) < ActionRank(rows[at].Action)) rows[at] = (v.Rule, v.Action);
        }
        return rows;
    }

    protected const string DecisionColumns = "id, time_ms, host, surface, operation, user_name, namespace, decision, policy_version, response_status, created_container_id, record";

    private static async Task InsertRowsAsync(DbConnection connection, DbTransaction tx, List<DecisionRecord> rows, CancellationToken ct)
    {
        var decisionParams = new List<(string, object?)>();
        var ruleParams = new List<(string, object?)>();
        var imageParams = new List<(string, object?)>();
        var decisions = new List<string>();
        var rules = new List<string>();
        var images = new List<string>();
        for (var i = 0; i < rows.Count; i++)
        {
            var (decision, ruleRows, imageRows) = Rows(rows[i]);
            decisions.Add("(" + string.Join(',', decision.Select((_, c) => $"@d{i}_{c}")) + ")");
            decisionParams.AddRange(decision.Select((v, c) => ($"d{i}_{c}", v)));
            var k = 0;
            foreach (var (rule, action) in ruleRows)
            {
                rules.Add($"(@r{i}_{k},@ri{i}_{k},@ra{i}_{k})");
                ruleParams.AddRange([($"r{i}_{k}", rule), ($"ri{i}_{k}", rows[i].Id), ($"ra{i}_{k}", action)]);
                k++;
            }
            k = 0;
            foreach (var image in imageRows)
            {
                images.Add($"(@m{i}_{k},@mi{i}_{k})");
                imageParams.AddRange([($"m{i}_{k}", image), ($"mi{i}_{k}", rows[i].Id)]);
                k++;
            }
        }
        await ExecuteAsync(connection, tx, $"INSERT INTO decisions ({DecisionColumns}) VALUES {string.Join(',', decisions)} ON CONFLICT (id) DO NOTHING", decisionParams, ct);
        if (rules.Count > 0)
            await ExecuteAsync(connection, tx, $"INSERT INTO decision_rules (rule, decision_id, action) VALUES {string.Join(',', rules)} ON CONFLICT DO NOTHING", ruleParams, ct);
        if (images.Count > 0)
            await ExecuteAsync(connection, tx, $"INSERT INTO decision_images (image, decision_id) VALUES {string.Join(',', images)} ON CONFLICT DO NOTHING", imageParams, ct);
    }

    protected static int ActionRank(string action) => action switch { "deny" => 0, "warn" => 1, _ => 2 };

    public async Task<IReadOnlyList<DecisionRecord>> QueryAsync(AuditQuery query, CancellationToken cancellationToken = default)
    {
        var filter = new QueryFilter(query);
        var order = query.Ascending ? "ASC" : "DESC";
        var limit = query.Limit is { } l ? $" LIMIT {l.ToString(CultureInfo.InvariantCulture)}" : "";
        await using var connection = await OpenAsync(cancellationToken);
        await using var cmd = Command(connection, null, $"SELECT d.record, d.response_status, d.created_container_id FROM decisions d WHERE {filter.Where} ORDER BY d.id {order}{limit}", filter.Parameters!);
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
        var result = new List<DecisionRecord>();
        while (await reader.ReadAsync(cancellationToken))
        {
            result.Add(RecordJson.Deserialize(reader.GetString(0)) with
            {
                ResponseStatus = reader.IsDBNull(1) ? null : Convert.ToInt32(reader.GetValue(1), CultureInfo.InvariantCulture),
                CreatedContainerId = reader.IsDBNull(2) ? null : reader.GetString(2),
            });
        }
        return result;
    }

    public async Task<AuditStats> StatsAsync(AuditQuery query, CancellationToken cancellationToken = default)
    {
        var filter = new QueryFilter(query);
        await using var connection = await OpenAsync(cancellationToken);
        var totals = await RowsAsync(connection, $"SELECT '', COUNT(*) FROM decisions d WHERE {filter.Where} UNION ALL SELECT 'deny', COUNT(*) FROM decisions d WHERE {filter.Where} AND d.decision = 'deny'", filter, cancellationToken);
        var byRule = await RowsAsync(connection, $"SELECT r.rule, COUNT(*) FROM decision_rules r JOIN decisions d ON d.id = r.decision_id WHERE r.action = 'deny' AND {filter.Where} GROUP BY r.rule ORDER BY 2 DESC, 1", filter, cancellationToken);
        var byUser = await RowsAsync(connection, $"SELECT COALESCE(d.user_name, '-'), COUNT(*) FROM decisions d WHERE d.decision = 'deny' AND {filter.Where} GROUP BY COALESCE(d.user_name, '-') ORDER BY 2 DESC, 1", filter, cancellationToken);
        var byDay = await RowsAsync(connection, $"SELECT CAST(d.time_ms / 86400000 AS TEXT), COUNT(*) FROM decisions d WHERE d.decision = 'deny' AND {filter.Where} GROUP BY d.time_ms / 86400000 ORDER BY 1", filter, cancellationToken);
        var days = byDay.Select(r => r with { Key = DateOnly.FromDateTime(DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(r.Key, CultureInfo.InvariantCulture) * 86_400_000).UtcDateTime).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) }).ToList();
        // By key, not position: PostgreSQL may run the UNION ALL branches in parallel and return them in either order.
        return new AuditStats(totals.Single(t => t.Key == "").Count, totals.Single(t => t.Key == "deny").Count, byRule, byUser, days);
    }

    private static async Task<List<StatRow>> RowsAsync(DbConnection connection, string sql, QueryFilter filter, CancellationToken ct)
    {
        await using var cmd = Command(connection, null, sql, filter.Parameters!);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        var rows = new List<StatRow>();
        while (await reader.ReadAsync(ct)) rows.Add(new StatRow(reader.GetString(0), Convert.ToInt64(reader.GetValue(1), CultureInfo.InvariantCulture)));
        return rows;
    }

    public async Task<int> TrimAsync(RetentionPolicy retention, DateTimeOffset now, int batch, CancellationToken cancellationToken = default)
    {
        if (retention.KeepsAll) return 0;
        await _writerGate.WaitAsync(cancellationToken);
        try
        {
            _writer ??= await OpenWriterAsync(cancellationToken);
            // Everything strictly below the cut goes: the age floor, or the id just past the newest MaxRecords.
            string? cut = retention.MaxAge is { } age ? DecisionId.Floor(now - age) : null;
            if (retention.MaxRecords is { } max)
            {
                var keepFrom = await ScalarAsync(_writer, "SELECT id FROM decisions ORDER BY id DESC LIMIT 1 OFFSET @n", [("n", Math.Max(0, max - 1))], cancellationToken);
                if (keepFrom is not null && (cut is null || string.CompareOrdinal(keepFrom, cut) > 0)) cut = keepFrom;
            }
            if (cut is null) return 0;
            var last = await ScalarAsync(_writer, $"SELECT MAX(id) FROM (SELECT id FROM decisions WHERE id < @cut ORDER BY id LIMIT {batch.ToString(CultureInfo.InvariantCulture)}) x", [("cut", cut)], cancellationToken);
            if (last is null) return 0;
            await using var tx = await _writer.BeginTransactionAsync(cancellationToken);
            await ExecuteAsync(_writer, tx, "DELETE FROM decision_rules WHERE decision_id <= @last", [("last", last)], cancellationToken);
            await ExecuteAsync(_writer, tx, "DELETE FROM decision_images WHERE decision_id <= @last", [("last", last)], cancellationToken);
            var deleted = await ExecuteAsync(_writer, tx, "DELETE FROM decisions WHERE id <= @last", [("last", last)], cancellationToken);
            await tx.CommitAsync(cancellationToken);
            return deleted;
        }
        catch
        {
            await DropWriterAsync();
            throw;
        }
        finally
        {
            _writerGate.Release();
        }
    }

    public async Task<long> CountAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var cmd = Command(connection, null, "SELECT COUNT(*) FROM decisions", []);
        return Convert.ToInt64(await cmd.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
    }

    private async Task DropWriterAsync()
    {
        if (_writer is null) return;
        try { await _writer.DisposeAsync(); } catch (DbException) { /* already broken */ }
        _writer = null;
    }

    private static async Task<string?> ScalarAsync(DbConnection connection, string sql, IReadOnlyList<(string, object?)> parameters, CancellationToken ct)
    {
        await using var cmd = Command(connection, null, sql, parameters);
        var value = await cmd.ExecuteScalarAsync(ct);
        return value is null or DBNull ? null : (string)value;
    }

    protected static async Task<int> ExecuteAsync(DbConnection connection, DbTransaction? tx, string sql, IReadOnlyList<(string, object?)> parameters, CancellationToken ct)
    {
        await using var cmd = Command(connection, tx, sql, parameters);
        return await cmd.ExecuteNonQueryAsync(ct);
    }

    protected static DbCommand Command(DbConnection connection, DbTransaction? tx, string sql, IReadOnlyList<(string Name, object? Value)> parameters)
    {
        var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        cmd.Transaction = tx;
        foreach (var (name, value) in parameters)
        {
            var p = cmd.CreateParameter();
            p.ParameterName = name;
            p.Value = value ?? DBNull.Value;
            cmd.Parameters.Add(p);
        }
        return cmd;
    }

    public virtual async ValueTask DisposeAsync()
    {
        await DropWriterAsync();
        _writerGate.Dispose();
        GC.SuppressFinalize(this);
    }
}
