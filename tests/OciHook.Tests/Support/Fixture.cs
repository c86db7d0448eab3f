using System.Text.Json;
using DockerGuard.OciHook.Spec;
using DockerGuard.OciHook.Translation;
using DockerGuard.Policy.Model;

namespace DockerGuard.OciHook.Tests.Support;

/// <summary>Loads a captured config.json by name (<c>podman-privileged</c>) and translates it as the hook would.</summary>
public static class Fixture
{
    public const string Id = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    public static string Directory => Path.Combine(AppContext.BaseDirectory, "Fixtures");

    public static IEnumerable<string> Names => System.IO.Directory.GetFiles(Directory, "*.config.json")
        .Select(f => Path.GetFileName(f)[..^".config.json".Length]).Order(StringComparer.Ordinal);

    public static string PathOf(string name) => Path.Combine(Directory, name + ".config.json");

    public static OciSpec Spec(string name) =>
        JsonSerializer.Deserialize(File.ReadAllBytes(PathOf(name)), OciJsonContext.Default.OciSpec)!;

    public static OciState State(string bundle = "/run/bundle") => new() { OciVersion = "1.0.2", Id = Id, Status = "creating", Pid = 4242, Bundle = bundle };

    public static WorkloadRequest Translate(string name) => OciTranslator.Translate(State(), Spec(name), new CapturedHost());

    public static Container Container(string name) => Translate(name).Containers.Single();
}
