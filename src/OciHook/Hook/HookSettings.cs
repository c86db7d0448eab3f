namespace DockerGuard.OciHook.Hook;

/// <summary>What the input failed on decides nothing by itself: fail closed unless the operator chose otherwise.</summary>
public enum InputFailureMode
{
    Deny,
    Allow,
}

/// <summary>
/// How durable an audit line is when the hook answers, the same two levels as the service's SQLite trail
/// (<c>--audit-sqlite-sync</c>): Normal survives the hook or the runtime being killed (the line is in the
/// page cache once write() returns), Full also survives power loss (fdatasync before answering).
/// </summary>
public enum AuditSync
{
    Normal,
    Full,
}

/// <summary>
/// The hook's configuration, from the environment its hooks.d entry sets explicitly (a hook must
/// never depend on the runtime's environment; oci-hooks.md §7). Unknown values are errors, so a typo
/// cannot turn fail-closed into fail-open.
/// </summary>
public sealed record HookSettings
{
    public const string OnErrorVariable = "DOCKERGUARD_ON_ERROR";
    public const string PolicyVariable = "DOCKERGUARD_POLICY";
    public const string AuditVariable = "DOCKERGUARD_AUDIT";
    public const string AuditSyncVariable = "DOCKERGUARD_AUDIT_SYNC";
    public const string PolicyCacheVariable = "DOCKERGUARD_POLICY_CACHE";

    public InputFailureMode OnError { get; init; } = InputFailureMode.Deny;
    /// <summary>Policy directory (its *.yaml files); null runs the catalogue defaults.</summary>
    public string? PolicyPath { get; init; }
    /// <summary>The JSON-lines spill file decisions are appended to (see <see cref="SpillLineAudit"/>); null when
    /// <c>DOCKERGUARD_AUDIT=off</c>. The default is the audit pipeline's own default spill path, which
    /// <c>the DockerGuard service</c> replays into the store.</summary>
    public string? AuditSpillPath { get; init; } = DefaultAuditSpillPath;

    public AuditSync AuditSync { get; init; } = AuditSync.Normal;
    /// <summary>Where the policy version's hash is remembered between runs (<see cref="PolicyHashCache"/>); null when off.</summary>
    public string? PolicyCachePath { get; init; } = DefaultPolicyCachePath;

    public const string DefaultPolicyCachePath = "/var/lib/dockerguard/policy-version.cache";

    public const string DefaultAuditSpillPath = "/var/lib/dockerguard/audit-spill.jsonl";

    public static HookSettings FromEnvironment(Func<string, string?> variable)
    {
        var onError = variable(OnErrorVariable) switch
        {
            null or "" or "deny" => InputFailureMode.Deny,
            "allow" => InputFailureMode.Allow,
            var other => throw new HookSetupException($"{OnErrorVariable}={other}: expected deny or allow"),
        };
        return new HookSettings
        {
            OnError = onError,
            PolicyPath = NullIfEmpty(variable(PolicyVariable)),
            AuditSpillPath = variable(AuditVariable) switch
            {
                null or "" => DefaultAuditSpillPath,
                "off" => null,
                var path when path.StartsWith("jsonl:", StringComparison.Ordinal) && Path.IsPathRooted(path["jsonl:".Length..]) => path["jsonl:".Length..],
                var other => throw new HookSetupException($"{AuditVariable}={other}: expected jsonl:/absolute/path.jsonl or off (the hook appends to a spill file that the DockerGuard service replays into the store)"),
            },
            PolicyCachePath = variable(PolicyCacheVariable) switch
            {
                null or "" => DefaultPolicyCachePath,
                "off" => null,
                var path when Path.IsPathRooted(path) => path,
                var other => throw new HookSetupException($"{PolicyCacheVariable}={other}: expected an absolute path or off"),
            },
            AuditSync = variable(AuditSyncVariable) switch
            {
                null or "" or "normal" => AuditSync.Normal,
                "full" => AuditSync.Full,
                var other => throw new HookSetupException($"{AuditSyncVariable}={other}: expected normal (a line survives a killed process) or full (fdatasync: it survives power loss)"),
            },
        };
    }

    private static string? NullIfEmpty(string? s) => string.IsNullOrEmpty(s) ? null : s;
}

/// <summary>The hook itself is misconfigured (bad setting, unreadable policy): always fails closed.</summary>
public sealed class HookSetupException(string message, Exception? inner = null) : Exception(message, inner);
