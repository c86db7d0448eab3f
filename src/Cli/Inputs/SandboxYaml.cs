using System.Collections.Immutable;
using DockerGuard.Policy.Files;
using DockerGuard.Policy.Model;

namespace DockerGuard.Cli.Inputs;

/// <summary>The <c>sandbox</c> of a model input: namespaces, sysctls, pod volumes, pod security.</summary>
internal static class SandboxYaml
{
    public static Sandbox Read(YamlMap m)
    {
        var sandbox = new Sandbox
        {
            Namespaces = m.Map("namespaces") is { } ns ? Namespaces(ns) : Policy.Model.Namespaces.AllPrivate,
            Sysctls = Sysctls(m),
            Volumes = m.ValueItems("volumes", Volume),
            PodSecurity = m.Map("podSecurity") is { } ps ? SecurityYaml.Read(ps) : ProcessSecurity.Unset,
            OsName = m.String("osName"),
            RuntimeClassName = m.String("runtimeClassName"),
        };
        m.RejectUnknown();
        return sandbox;
    }

    private static Namespaces Namespaces(YamlMap m)
    {
        var ns = new Namespaces
        {
            Network = Setting(m, "network"),
            Pid = Setting(m, "pid"),
            Ipc = Setting(m, "ipc"),
            Uts = Setting(m, "uts"),
            User = Setting(m, "user"),
            Cgroup = Setting(m, "cgroup"),
        };
        m.RejectUnknown();
        return ns;
    }

    /// <summary><c>private</c>, <c>host</c>, <c>host-by-default</c> (the runtime's default, not asked for) or <c>container:&lt;name&gt;</c>.</summary>
    private static NamespaceSetting Setting(YamlMap m, string key)
    {
        var path = m.PathOf(key);
        var node = m.Get(key);
        if (node is null) return NamespaceSetting.Private(path);
        var value = m.Source.String(node, path);
        switch (value)
        {
            case null: return NamespaceSetting.Private(path);
            case "private": return NamespaceSetting.Private(path);
            case "host": return NamespaceSetting.Host(path);
            case "host-by-default": return NamespaceSetting.HostByDefault(path);
        }
        if (value.StartsWith("container:", StringComparison.Ordinal) && value.Length > "container:".Length)
            return NamespaceSetting.Container(path, value["container:".Length..]);
        m.Source.Error(node, $"{path} must be private, host, host-by-default or container:<name>, found '{value}'");
        return NamespaceSetting.Private(path);
    }

    private static ImmutableArray<Sysctl> Sysctls(YamlMap m)
    {
        if (m.Map("sysctls") is not { } map) return [];
        var b = ImmutableArray.CreateBuilder<Sysctl>();
        foreach (var name in map.Keys.ToList())
            if (map.String(name) is { } value) b.Add(new Sysctl(name, value, map.PathOf(name)));
        return b.ToImmutable();
    }

    private static Volume? Volume(YamlMap m)
    {
        var name = m.String("name", required: true);
        return name is null ? null : new Volume(name, m.String("type") ?? "", m.String("hostPath"), m.What);
    }
}
