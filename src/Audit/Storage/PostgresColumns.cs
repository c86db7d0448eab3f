using Npgsql;

namespace DockerGuard.Audit.Storage;

/// <summary>
/// A batch of records turned column-wise, one array per column, for PostgreSQL's
/// <c>INSERT ... SELECT * FROM unnest(...)</c>: the statement text and its parameter count stay the
/// same whatever the batch size, so the server plans it once per connection.
/// </summary>
internal sealed class PostgresColumns(int capacity)
{
    // Column order and types of SqlAuditStore.DecisionColumns.
    private static readonly string[] DecisionTypes = ["text", "bigint", "text", "text", "text", "text", "text", "text", "text", "integer", "text", "text"];
    private readonly List<object?>[] _decisions = [.. DecisionTypes.Select(_ => new List<object?>(capacity))];
    private readonly List<string> _ruleNames = [], _ruleIds = [], _ruleActions = [], _images = [], _imageIds = [];

    public bool HasRules => _ruleNames.Count > 0;
    public bool HasImages => _images.Count > 0;

    public void Add(Records.DecisionRecord record, (object?[] Decision, List<(string Rule, string Action)> Rules, IEnumerable<string> Images) rows)
    {
        for (var c = 0; c < rows.Decision.Length; c++) _decisions[c].Add(rows.Decision[c]);
        foreach (var (rule, action) in rows.Rules)
        {
            _ruleNames.Add(rule);
            _ruleIds.Add(record.Id);
            _ruleActions.Add(action);
        }
        foreach (var image in rows.Images)
        {
            _images.Add(image);
            _imageIds.Add(record.Id);
        }
    }

    public NpgsqlBatchCommand DecisionsInsert(string columnList)
    {
        var cmd = Unnest("decisions", columnList, "ON CONFLICT (id) DO NOTHING", DecisionTypes);
        for (var c = 0; c < DecisionTypes.Length; c++) cmd.Parameters.Add(new NpgsqlParameter { Value = Typed(c) });
        return cmd;
    }

    public NpgsqlBatchCommand RulesInsert()
    {
        var cmd = Unnest("decision_rules", "rule, decision_id, action", "ON CONFLICT DO NOTHING", ["text", "text", "text"]);
        foreach (var column in new[] { _ruleNames, _ruleIds, _ruleActions }) cmd.Parameters.Add(new NpgsqlParameter { Value = column.ToArray() });
        return cmd;
    }

    public NpgsqlBatchCommand ImagesInsert()
    {
        var cmd = Unnest("decision_images", "image, decision_id", "ON CONFLICT DO NOTHING", ["text", "text"]);
        foreach (var column in new[] { _images, _imageIds }) cmd.Parameters.Add(new NpgsqlParameter { Value = column.ToArray() });
        return cmd;
    }

    /// <summary>Typed arrays, so Npgsql sends bigint[] and integer[] (with NULLs) rather than guessing from object[].</summary>
    private object Typed(int column) => DecisionTypes[column] switch
    {
        "bigint" => _decisions[column].Select(v => (long)v!).ToArray(),
        "integer" => _decisions[column].Select(v => (int?)v).ToArray(),
        _ => _decisions[column].Select(v => (string?)v).ToArray(),
    };

    private static NpgsqlBatchCommand Unnest(string table, string columnList, string onConflict, string[] types) =>
        new($"INSERT INTO {table} ({columnList}) SELECT * FROM unnest({string.Join(", ", types.Select((t, i) => $"${i + 1}::{t}[]"))}) {onConflict}");
}
