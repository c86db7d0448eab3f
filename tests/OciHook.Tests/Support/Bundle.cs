using System.Text;

namespace DockerGuard.OciHook.Tests.Support;

/// <summary>A temporary bundle directory holding a config.json, removed on dispose.</summary>
public sealed class Bundle : IDisposable
{
    public Bundle(string? configJson)
    {
        Directory.CreateDirectory(Path);
        if (configJson is not null) File.WriteAllText(ConfigPath, configJson);
    }

    public static Bundle FromFixture(string name) => new(File.ReadAllText(Fixture.PathOf(name)));

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"dg-bundle-{Guid.NewGuid():N}");
    public string ConfigPath => System.IO.Path.Combine(Path, "config.json");

    public byte[] State(string id = Fixture.Id) =>
        Encoding.UTF8.GetBytes($$$"""{"ociVersion":"1.0.2","id":"{{{id}}}","status":"creating","pid":{{{Environment.ProcessId}}},"bundle":"{{{Path}}}","annotations":{}}""");

    public void Dispose() => Directory.Delete(Path, true);
}
