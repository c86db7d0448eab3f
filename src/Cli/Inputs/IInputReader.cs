using DockerGuard.Policy.Files;
using DockerGuard.Policy.Model;
using YamlDotNet.RepresentationModel;

namespace DockerGuard.Cli.Inputs;

/// <summary>
/// Turns one kind of test input into a <see cref="WorkloadRequest"/>. A policy test case writes
/// <c>input: {&lt;kind&gt;: ...}</c>; the kind picks the reader from <see cref="InputKinds"/>. Today
/// there is <c>model</c> (the normalised model as YAML); each surface adds its native form
/// (<c>docker</c>: an authz request or create body, <c>kubernetes</c>: an AdmissionReview,
/// <c>oci</c>: a config.json) by implementing this and adding one line to the table, so policy
/// tests can be written in the objects users actually send.
/// </summary>
public interface IInputReader
{
    /// <summary>The key under <c>input:</c> (<c>model</c>, <c>docker</c>, …).</summary>
    string Kind { get; }

    /// <summary>One line for <c>dockerguard help policy test</c>.</summary>
    string Description { get; }

    /// <summary>
    /// Reads <paramref name="node"/>; problems go to <paramref name="source"/> as errors at their
    /// line and column, and the result is then null. <paramref name="baseDirectory"/> is the test
    /// file's directory, for readers that accept a file reference.
    /// </summary>
    WorkloadRequest? Read(YamlNode node, YamlSource source, string baseDirectory);
}
