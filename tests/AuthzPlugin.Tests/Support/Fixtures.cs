using DockerGuard.AuthzPlugin.Protocol;

namespace DockerGuard.AuthzPlugin.Tests.Support;

/// <summary>The real AuthZReq/AuthZRes bodies captured from dockerd 20.10.24 (shared/fixtures/docker-authz).</summary>
public static class Fixtures
{
    public static string Dir => Path.Combine(AppContext.BaseDirectory, "Fixtures");

    public static byte[] Bytes(string name) => File.ReadAllBytes(Path.Combine(Dir, name + ".json"));

    public static AuthzMessage Message(string name) => AuthzMessageReader.Read(Bytes(name));

    public static IEnumerable<string> AllRequests => Directory.GetFiles(Dir, "*.authzreq.json")
        .Select(f => Path.GetFileName(f)[..^".json".Length]).Order(StringComparer.Ordinal);
}
