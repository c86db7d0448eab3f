using System.Text.Json.Serialization;

namespace DockerGuard.OciHook.Install;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(HookDefinition))]
[JsonSerializable(typeof(HookEntry))]
internal sealed partial class InstallJsonContext : JsonSerializerContext;
