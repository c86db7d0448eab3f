using System.Text.Json.Serialization;

namespace DockerGuard.OciHook.Spec;

/// <summary>
/// Source-generated (de)serialisers: no reflection, so the hook stays Native AOT and starts in
/// milliseconds. OCI names are camelCase and case-sensitive; unknown fields are ignored (the spec
/// grows), but a field of the wrong type is an error, and the hook fails closed on it.
/// </summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, ReadCommentHandling = System.Text.Json.JsonCommentHandling.Disallow)]
[JsonSerializable(typeof(OciState))]
[JsonSerializable(typeof(OciSpec))]
internal sealed partial class OciJsonContext : JsonSerializerContext;
