using System.Text.Json;
using System.Text.RegularExpressions;
using DockerGuard.OciHook.Hook;
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
        HookInput.ParseConfig(File.ReadAllBytes(PathOf(name)), PathOf(name));

    public static OciState State(string bundle = "/run/bundle", string id = Id) => new() { OciVersion = "1.0.2", Id = id, Status = "creating", Pid = 4242, Bundle = bundle };

    /// <summary>The id of the container the fixture was captured from: engines name its per-container
    /// directory after it (…/containers/&lt;id&gt;/hosts); <see cref="Id"/> when the capture shows none.</summary>
    public static string IdOf(string name) =>
        Regex.Match(File.ReadAllText(PathOf(name)), "containers/([0-9a-f]{64})/") is { Success: true } m ? m.Groups[1].Value : Id;

    /// <summary>Translated under the id the engine gave it, as the hook sees it at createRuntime.</summary>
    public static WorkloadRequest Translate(string name) => OciTranslator.Translate(State(id: IdOf(name)), Spec(name), new CapturedHost());

    public static Container Container(string name) => Translate(name).Containers.Single();
}
