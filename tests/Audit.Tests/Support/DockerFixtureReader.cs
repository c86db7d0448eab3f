using System.Text;
using System.Text.Json;
using DockerGuard.Policy.Catalog;
using DockerGuard.Policy.Model;

namespace DockerGuard.Audit.Tests.Support;

/// <summary>
/// Test-only reader of the shared Docker authz fixtures (the real Docker translator lands on
/// another branch). It is deliberately careless where an adapter or rule could be: it copies
/// every raw env entry (<c>SECRET_TOKEN=hunter2</c>) into a violation detail, the exec command
/// and the route, so the tests prove redaction stops what a buggy adapter would let through.
/// </summary>
public static class DockerFixtureReader
{
    public const string Directory = "/work/shared/fixtures/docker-authz";

    public static IEnumerable<string> All() => System.IO.Directory.EnumerateFiles(Directory, "*.authzreq.json").Order(StringComparer.Ordinal);

    public sealed record Fixture(string Name, AuditEntry Entry, IReadOnlyList<string> EnvValues);

    public static Fixture Read(string path)
    {
        using var doc = JsonDocument.Parse(File.ReadAllBytes(path));
        var root = doc.RootElement;
        var uri = root.GetProperty("RequestUri").GetString()!;
        var method = root.GetProperty("RequestMethod").GetString()!;
        var env = new List<string>();
        string? image = null;
        if (root.TryGetProperty("RequestBody", out var b64) && b64.GetString() is { Length: > 0 } encoded)
        {
            using var body = JsonDocument.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(encoded)));
            if (body.RootElement.TryGetProperty("Env", out var e) && e.ValueKind == JsonValueKind.Array)
                env.AddRange(e.EnumerateArray().Select(x => x.GetString()!));
            if (body.RootElement.TryGetProperty("Image", out var i)) image = i.GetString();
        }
        var request = new WorkloadRequest
        {
            Surface = Surface.Docker,
            Operation = uri.Contains("/exec", StringComparison.Ordinal) ? Operation.Exec : Operation.Create,
            Subject = new Subject { User = "alice", AuthMethod = "TLS" },
            Containers = image is null ? [] : [new Container { Name = "c", Image = Field.Of(image, "Image"), EnvNames = [.. env.Select(x => x.Split('=')[0])] }],
            Exec = new ExecRequest { Command = [.. env.SelectMany(x => new[] { "--password", x.Split('=', 2).Last(), x })] },
        };
        var leak = string.Join(' ', env);
        var decision = Entries.Deny(Entries.Violation("privileged", RuleAction.Deny, $"container env {leak}"));
        var entry = new AuditEntry(request, decision, TimeSpan.FromMilliseconds(1))
        {
            Route = $"{method} {uri}{(env.Count > 0 ? (uri.Contains('?') ? "&" : "?") + "env=" + Uri.EscapeDataString(leak) : "")}",
            DecisionId = leak.Length > 0 ? $"token={env[0].Split('=', 2).Last()}" : null,
        };
        return new Fixture(System.IO.Path.GetFileName(path), entry, [.. env.Select(x => x.Split('=', 2).Last()).Where(v => v.Length >= 4)]);
    }
}
