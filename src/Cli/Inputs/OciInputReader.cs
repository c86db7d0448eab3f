using DockerGuard.OciHook.Hook;
using DockerGuard.OciHook.Spec;
using DockerGuard.OciHook.Translation;
using DockerGuard.Policy.Files;
using DockerGuard.Policy.Model;
using YamlDotNet.RepresentationModel;

namespace DockerGuard.Cli.Inputs;

/// <summary>
/// <c>input: {oci: ...}</c>: a bundle's config.json (inline, or <c>{file: config.json}</c>), read and
/// translated as the OCI hook does at createRuntime, against a <see cref="NeutralHost"/> instead of this
/// machine's /proc, so the result is the same wherever the tests run. To give the container id the
/// runtime would pass (it decides which mounts are the engine's own files, e.g. Docker's
/// <c>/var/lib/docker/containers/&lt;id&gt;/hosts</c>, which the hook leaves out of the model), wrap it: <c>{file: config.json, id: &lt;64 hex&gt;}</c> or
/// <c>{config: {...}, id: ...}</c>.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class OciInputReader : IInputReader
{
    /// <summary>The container id the runtime would pass in the state; 64 hex digits like runc's.</summary>
    private const string ContainerId = "0000000000000000000000000000000000000000000000000000000000000001";

    public string Kind => "oci";
    public string Description => "a runtime bundle's config.json, translated as the OCI hook does (against a neutral host)";

    private static readonly string[] WrapperKeys = ["file", "config", "id"];

    public WorkloadRequest? Read(YamlNode node, YamlSource source, string baseDirectory)
    {
        var id = ContainerId;
        NativeDocument? doc;
        if (node is YamlMappingNode m && m.Children.Count > 1 && m.Children.Keys.All(k => k is YamlScalarNode { Value: { } v } && WrapperKeys.Contains(v)))
        {
            var map = source.Map(m, "input.oci")!;
            id = map.String("id") ?? ContainerId;
            doc = map.Get("file") is { } file ? NativeDocument.FromFile(file, source, baseDirectory, Kind)
                : map.Map("config", required: true) is { } config ? NativeDocument.Inline(config.Node, source) : null;
            if (map.Get("file") is not null && map.Get("config") is not null)
                source.Error(map.KeyNode("config"), "input.oci has both 'file' and 'config'", "keep one");
            map.RejectUnknown();
        }
        else doc = NativeDocument.Read(node, source, baseDirectory, Kind);
        if (doc is null) return null;
        try
        {
            var spec = HookInput.ParseConfig(doc.Json, doc.Origin);
            return OciTranslator.Translate(new OciState { Id = id, Status = "creating", Bundle = "/run/bundle" }, spec, NeutralHost.Instance);
        }
        catch (OciInputException e)
        {
            source.Error(doc.At, e.Message.StartsWith(doc.Origin, StringComparison.Ordinal) ? e.Message : $"{doc.Origin}: {e.Message}");
            return null;
        }
    }
}
