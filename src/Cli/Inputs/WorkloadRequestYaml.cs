using DockerGuard.Policy.Files;
using DockerGuard.Policy.Model;
using YamlDotNet.RepresentationModel;

namespace DockerGuard.Cli.Inputs;

/// <summary>
/// Reads a <see cref="WorkloadRequest"/> written as YAML (the <c>model</c> test input). Keys are
/// the model's property names in camelCase; anything unknown or mistyped is an error at its
/// line. Absent means what it means in the model: not set, and namespaces private. The adapters'
/// runtime defaults are not applied here: a test states them (<c>user: host-by-default</c>).
/// </summary>
public static class WorkloadRequestYaml
{
    public static WorkloadRequest? Read(YamlNode node, YamlSource source)
    {
        var errorsBefore = source.Diagnostics.Errors.Count();
        var m = source.Map(node, "model");
        if (m is null) return null;
        var surface = m.EnumOf<Surface>("surface", required: true);
        var operation = m.EnumOf<Operation>("operation", required: true);
        var request = new WorkloadRequest
        {
            Surface = surface ?? Surface.Docker,
            Operation = operation ?? Operation.Create,
            Subject = m.Map("subject") is { } s ? Subject(s) : Policy.Model.Subject.Anonymous,
            Resource = m.Map("resource") is { } r ? Resource(r) : ResourceRef.None,
            Sandbox = m.Map("sandbox") is { } sb ? SandboxYaml.Read(sb) : Sandbox.Default,
            Containers = m.Items("containers", ContainerYaml.Read),
            Exec = m.Map("exec") is { } e ? Exec(e) : null,
            Plugin = m.Map("plugin") is { } p ? Plugin(p) : null,
        };
        m.RejectUnknown();
        return source.Diagnostics.Errors.Count() > errorsBefore ? null : request;
    }

    private static Subject Subject(YamlMap m)
    {
        var s = new Subject { User = m.String("user"), Groups = m.StringList("groups"), AuthMethod = m.String("authMethod") };
        m.RejectUnknown();
        return s;
    }

    private static ResourceRef Resource(YamlMap m)
    {
        var r = new ResourceRef
        {
            Kind = m.String("kind") ?? ResourceRef.None.Kind,
            Namespace = m.String("namespace"),
            Name = m.String("name"),
            Id = m.String("id"),
            Labels = m.StringMap("labels"),
            Annotations = m.StringMap("annotations"),
        };
        m.RejectUnknown();
        return r;
    }

    private static ExecRequest Exec(YamlMap m)
    {
        var e = new ExecRequest
        {
            Container = m.String("container"),
            Privileged = m.BoolField("privileged"),
            User = m.StringField("user"),
            Command = m.StringList("command"),
            Tty = m.Bool("tty") ?? false,
            Stdin = m.Bool("stdin") ?? false,
        };
        m.RejectUnknown();
        return e;
    }

    private static PluginRequest? Plugin(YamlMap m)
    {
        var name = m.String("name", required: true);
        var action = m.String("action", required: true);
        m.RejectUnknown();
        return name is null || action is null ? null : new PluginRequest(name, action, m.What);
    }
}
