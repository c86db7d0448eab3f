using DockerGuard.OciHook.Host;
using DockerGuard.OciHook.Spec;
using DockerGuard.Policy.Model;

namespace DockerGuard.OciHook.Translation;

/// <summary>
/// linux.namespaces → whose namespace each is. A type with no entry stays in the runtime's namespace,
/// the host's (podman --net=host). An entry with a path joins that namespace: the host's when the
/// path is the same nsfs inode as the hook's own (Docker --net=host: /var/run/docker/netns/default),
/// another container's otherwise. Missing user and cgroup entries are the rootful default on cgroup v1,
/// not a request, hence HostByDefault (oci-hooks.md §3).
/// </summary>
internal static class NamespaceTranslation
{
    private const string ListPath = "linux.namespaces";

    public static Namespaces Translate(OciLinux? linux, IHostView host)
    {
        var entries = linux?.Namespaces ?? [];
        return new Namespaces
        {
            Network = Setting("network", entries, host, explicitWhenAbsent: true),
            Pid = Setting("pid", entries, host, explicitWhenAbsent: true),
            Ipc = Setting("ipc", entries, host, explicitWhenAbsent: true),
            Uts = Setting("uts", entries, host, explicitWhenAbsent: true),
            User = Setting("user", entries, host, explicitWhenAbsent: false),
            Cgroup = Setting("cgroup", entries, host, explicitWhenAbsent: false),
        };
    }

    private static NamespaceSetting Setting(string type, List<OciNamespace> entries, IHostView host, bool explicitWhenAbsent)
    {
        for (var i = 0; i < entries.Count; i++)
        {
            if (entries[i].Type != type) continue;
            var path = entries[i].Path;
            var field = $"{ListPath}[{i}]";
            if (string.IsNullOrEmpty(path)) return NamespaceSetting.Private(field);
            return Joined(type, path, field + ".path", host);
        }
        return explicitWhenAbsent ? NamespaceSetting.Host(ListPath) : NamespaceSetting.HostByDefault(ListPath);
    }

    private static NamespaceSetting Joined(string type, string path, string field, IHostView host)
    {
        var target = host.Resolve(path, out var error)
            ?? throw new OciInputException($"{field} {path}: cannot resolve the {type} namespace to join ({error})");
        var own = host.OwnNamespace(type)
            ?? throw new OciInputException($"{field}: cannot read the hook's own {type} namespace to compare with");
        return target == own ? NamespaceSetting.Host(field) : NamespaceSetting.Container(field, path);
    }
}
