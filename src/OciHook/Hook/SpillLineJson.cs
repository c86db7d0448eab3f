using System.Text.Json.Serialization;
using DockerGuard.Audit.Records;

namespace DockerGuard.OciHook.Hook;

/// <summary>
/// The spill line's JSON writer for the hook: the audit's own <see cref="RecordJson"/> shape (same options;
/// a test holds the two byte-equal), generated as a serialization-only fast path. A process that writes
/// one line and exits pays for a context's full metadata set-up on that one line, about a millisecond.
/// </summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    GenerationMode = JsonSourceGenerationMode.Serialization)]
[JsonSerializable(typeof(SpillLine))]
internal sealed partial class SpillLineJson : JsonSerializerContext;
