using System.Text.Json;
using DockerGuard.OciHook.Translation;

namespace DockerGuard.OciHook.Install;

/// <summary>Reads and writes the hooks.d file.</summary>
public static class HookDefinitionFile
{
    public static byte[] Serialize(HookDefinition definition) =>
        JsonSerializer.SerializeToUtf8Bytes(definition, InstallJsonContext.Default.HookDefinition);

    public static void Write(string path, HookDefinition definition) =>
        AtomicFile.Write(path, Serialize(definition), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

    /// <summary>Reads a definition, checking what podman checks (version, stages, an absolute hook path).</summary>
    public static HookDefinition Read(string path)
    {
        HookDefinition? definition;
        try
        {
            definition = JsonSerializer.Deserialize(File.ReadAllBytes(path), InstallJsonContext.Default.HookDefinition);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            throw new OciInputException($"cannot read the hook definition {path}: {e.Message}", e);
        }
        if (definition is null || definition.Version != "1.0.0")
            throw new OciInputException($"hook definition {path}: version must be \"1.0.0\"");
        if (!Path.IsPathRooted(definition.Hook.Path))
            throw new OciInputException($"hook definition {path}: hook.path must be absolute");
        return definition;
    }
}
