using DockerGuard.Policy.Files;
using DockerGuard.Policy.Model;
using YamlDotNet.RepresentationModel;

namespace DockerGuard.Cli.Inputs;

/// <summary><c>input: {model: ...}</c>: the normalised <see cref="WorkloadRequest"/> written out in YAML.</summary>
public sealed class ModelInputReader : IInputReader
{
    public string Kind => "model";
    public string Description => "the normalised WorkloadRequest as YAML (docs/policies.md#the-model-input)";

    public WorkloadRequest? Read(YamlNode node, YamlSource source, string baseDirectory) => WorkloadRequestYaml.Read(node, source);
}
