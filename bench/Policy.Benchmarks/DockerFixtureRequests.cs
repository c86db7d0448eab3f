using DockerGuard.AuthzPlugin.Json;
using DockerGuard.AuthzPlugin.Protocol;
using DockerGuard.AuthzPlugin.Routing;
using DockerGuard.AuthzPlugin.Translation;
using DockerGuard.Policy.Model;

namespace DockerGuard.Policy.Benchmarks;

/// <summary>
/// Every captured AuthZReq that has a translator, run through the plugin's own routing, Go-semantics
/// body reader and translator, so the benchmark evaluates exactly what the plugin would.
/// </summary>
public static class DockerFixtureRequests
{
    private static readonly DaemonDefaults Daemon = new() { CgroupnsMode = NamespaceMode.Private };

    public static IEnumerable<Scenario> All()
    {
        foreach (var file in Directory.GetFiles(RepositoryFiles.DockerFixtures, "*.authzreq.json").Order(StringComparer.Ordinal))
        {
            var message = AuthzMessageReader.Read(File.ReadAllBytes(file));
            if (Translators.For(message, Daemon, subject: Subject.Anonymous) is { } translated)
                yield return new Scenario("docker:" + Path.GetFileName(file)[..^".authzreq.json".Length], translated.Request);
        }
    }
}
