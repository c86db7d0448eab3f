namespace DockerGuard.Audit.Storage;

/// <summary>
/// The audit schema as numbered migrations, applied in order and recorded in
/// <c>schema_migrations</c>; a store applies only those it has not recorded, under a lock, so
/// start-up is idempotent and many hosts may start against one PostgreSQL at once.
/// The SQL is the common subset of SQLite and PostgreSQL.
/// Ids are time-ordered (<see cref="Records.DecisionId"/>), so the primary key also serves
/// time ranges and newest-first order; each filter column is indexed together with the id.
/// </summary>
public static class Schema
{
    public const string MigrationsTable = "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)";

    public static readonly IReadOnlyList<(int Version, string[] Statements)> Migrations =
    [
        (1,
        [
            """
            CREATE TABLE decisions (
              id {key} PRIMARY KEY,
              time_ms BIGINT NOT NULL,
              host TEXT NOT NULL,
              surface TEXT NOT NULL,
              operation TEXT NOT NULL,
              user_name TEXT,
              namespace TEXT,
              decision TEXT NOT NULL,
              policy_version TEXT NOT NULL,
              response_status INTEGER,
              created_container_id TEXT,
              record TEXT NOT NULL)
            """,
            "CREATE TABLE decision_rules (rule {key} NOT NULL, decision_id {key} NOT NULL, action TEXT NOT NULL, PRIMARY KEY (rule, decision_id))",
            "CREATE TABLE decision_images (image {key} NOT NULL, decision_id {key} NOT NULL, PRIMARY KEY (image, decision_id))",
            "CREATE INDEX ix_decisions_decision ON decisions (decision, id)",
            "CREATE INDEX ix_decisions_user ON decisions (user_name, id)",
            "CREATE INDEX ix_decisions_namespace ON decisions (namespace, id)",
            "CREATE INDEX ix_decisions_surface ON decisions (surface, id)",
            "CREATE INDEX ix_decisions_host ON decisions (host, id)",
            "CREATE INDEX ix_decision_rules_id ON decision_rules (decision_id)",
            "CREATE INDEX ix_decision_images_id ON decision_images (decision_id)",
        ]),
    ];

    public static int Latest => Migrations[^1].Version;
}
