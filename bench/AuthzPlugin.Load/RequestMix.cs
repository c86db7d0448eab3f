namespace DockerGuard.AuthzPlugin.Load;

/// <summary>Which kind of call a fixture is, for the per-kind breakdown.</summary>
public enum CallKind { ReadOnly, Mutating, Denied, Response }

/// <summary>One real dockerd message (tests/AuthzPlugin.Tests/Fixtures) and where it is POSTed.</summary>
public sealed record MixEntry(string Name, string Path, CallKind Kind, byte[] Body);

/// <summary>
/// The traffic of a busy docker host as the plugin sees it: mostly read-only calls (ping precedes every
/// CLI command, ps/inspect dominate), then creates, execs, updates and removes, some of them denied,
/// and the AuthZRes that follows each allowed create. Weights per 100 messages; the order is a fixed
/// shuffle, so every run sends the same sequence.
/// </summary>
public static class RequestMix
{
    private static readonly (string Fixture, int Weight, CallKind Kind)[] Weights =
    [
        ("ping.authzreq", 25, CallKind.ReadOnly),
        ("list-containers.authzreq", 30, CallKind.ReadOnly),
        ("create-plain.authzreq", 8, CallKind.Mutating),
        ("create-plain.authzres", 8, CallKind.Response),
        ("create-hardened.authzreq", 4, CallKind.Mutating),
        ("exec-default.authzreq", 5, CallKind.Mutating),
        ("exec-start.authzreq", 3, CallKind.Mutating),
        ("remove-container.authzreq", 5, CallKind.Mutating),
        ("update-unlimited-pids.authzreq", 2, CallKind.Mutating),
        ("create-privileged.authzreq", 4, CallKind.Denied),
        ("create-host-namespaces.authzreq", 2, CallKind.Denied),
        ("create-docker-sock.authzreq", 2, CallKind.Denied),
        ("exec-user-root.authzreq", 2, CallKind.Denied),
    ];

    public static IReadOnlyList<MixEntry> Load()
    {
        var dir = Path.Combine(AppContext.BaseDirectory, "Fixtures");
        var sequence = new List<MixEntry>();
        foreach (var (fixture, weight, kind) in Weights)
        {
            var entry = new MixEntry(fixture, fixture.EndsWith(".authzres", StringComparison.Ordinal) ? "/AuthZPlugin.AuthZRes" : "/AuthZPlugin.AuthZReq", kind, File.ReadAllBytes(Path.Combine(dir, fixture + ".json")));
            for (var i = 0; i < weight; i++) sequence.Add(entry);
        }
        var shuffled = sequence.ToArray();
        new Random(20261206).Shuffle(shuffled);
        return shuffled;
    }
}
