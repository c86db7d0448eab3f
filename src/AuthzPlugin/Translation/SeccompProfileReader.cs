using System.Text;
using DockerGuard.AuthzPlugin.Json;
using DockerGuard.Policy.Model;

namespace DockerGuard.AuthzPlugin.Translation;

/// <summary>
/// The value of <c>seccomp=…</c>: <c>unconfined</c>, <c>builtin</c> (v25+: the default profile), or a
/// JSON profile inlined by the CLI from <c>seccomp=&lt;file&gt;</c>. An inline profile whose
/// defaultAction lets syscalls through and whose rules block nothing is unconfined by another name.
/// The profile is decoded as dockerd decodes it (Go encoding/json, case-insensitive keys).
/// </summary>
public static class SeccompProfileReader
{
    /// <summary>Actions that let the syscall run (SCMP_ACT_LOG logs and allows).</summary>
    private static readonly HashSet<string> Allowing = new(StringComparer.Ordinal) { "SCMP_ACT_ALLOW", "SCMP_ACT_LOG" };

    public static Seccomp Read(string value, string path)
    {
        if (value == "unconfined") return new Seccomp(SeccompKind.Unconfined, path);
        if (value is "" or "builtin") return new Seccomp(SeccompKind.RuntimeDefault, path);
        var trimmed = value.TrimStart();
        if (!trimmed.StartsWith('{'))
            throw new BodyRejectedException($"seccomp profile at {path} is neither 'unconfined' nor a JSON profile", path);

        var profile = new GoStruct(GoJsonParser.Parse(Encoding.UTF8.GetBytes(value)), "");
        var defaultAllows = profile.String("defaultAction") is { } defaultAction && Allowing.Contains(defaultAction);
        var blocksSomething = false;
        foreach (var (rule, rulePath) in profile.Array("syscalls") ?? [])
        {
            var action = new GoStruct(rule, rulePath).String("action") ?? "";
            if (!Allowing.Contains(action)) blocksSomething = true;
        }
        return new Seccomp(SeccompKind.Inline, path, "inline", AllowsEverything: defaultAllows && !blocksSomething);
    }
}
