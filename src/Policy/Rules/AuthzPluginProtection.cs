using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using DockerGuard.Policy.Catalog;
using DockerGuard.Policy.Model;

namespace DockerGuard.Policy.Rules;

/// <summary>
/// authz-plugin-protection: DockerGuard protects itself and the daemon's plugin set.
/// Fields: Docker plugin disable/upgrade/set/remove naming one of <c>pluginNames</c> (disabling an
/// authz plugin drops it from dockerd's chain until a restart, reference §4), and plugin pull of a
/// plugin not in <c>allowedPlugins</c> (managed plugins run as root with what they declare).
/// Names compare after dropping a <c>docker.io/</c> or <c>library/</c> prefix and a <c>:latest</c> tag.
/// </summary>
public sealed class AuthzPluginProtection : Rule<AuthzPluginProtection.Settings>
{
    public sealed record Settings(ImmutableArray<string> Protected, ImmutableArray<string> Allowed);

    [ModuleInitializer]
    internal static void Register() => RuleCatalog.Register(new AuthzPluginProtection());

    public override RuleInfo Info { get; } = new()
    {
        Id = "authz-plugin-protection",
        Title = "Do not let API clients disable or replace the authorization plugin, or install unvetted plugins",
        Rationale = "Disabling, reconfiguring or upgrading the authorization plugin through the API it guards switches the guard off; managed plugins run as root with host access.",
        Remediation = "change DockerGuard on the host (systemctl), not through the Docker API; add vetted plugins to allowedPlugins",
        References = new() { CisV12 = "2.11", CisV16 = "2.12" },
        Surfaces = [Surface.Docker],
        Parameters =
        [
            ParameterSpec.List("pluginNames", ["dockerguard"], "names under which DockerGuard runs; disable, upgrade, set and remove of these are refused"),
            ParameterSpec.List("allowedPlugins", [], "plugins that may be pulled (names or globs, as in docker plugin install)"),
        ],
    };

    protected override Settings ReadSettings(RuleParameters parameters) =>
        new([.. parameters.GetList("pluginNames").Select(Normalize)], [.. parameters.GetList("allowedPlugins").Select(Normalize)]);

    protected override void Check(WorkloadRequest request, Settings settings, ViolationSink sink)
    {
        if (request.Plugin is not { } plugin) return;
        var name = Normalize(plugin.Name);
        switch (plugin.Action)
        {
            case "disable" or "upgrade" or "set" or "remove" when settings.Protected.Contains(name):
                sink.Add(plugin.Path, $"plugin {plugin.Action} of DockerGuard's own plugin \"{plugin.Name}\"");
                break;
            case "pull":
                var remote = Normalize(plugin.Remote ?? plugin.Name);
                if (settings.Protected.Contains(name))
                    sink.Add(plugin.Path, $"plugin pull installing under DockerGuard's name \"{plugin.Name}\"");
                else if (!settings.Allowed.Any(a => Evaluation.Glob.Matches(a, remote)))
                    sink.Add(plugin.Path, $"plugin pull of \"{plugin.Remote ?? plugin.Name}\", not in allowedPlugins");
                break;
        }
    }

    private static string Normalize(string name)
    {
        var n = name.Trim();
        if (n.StartsWith("docker.io/", StringComparison.Ordinal)) n = n["docker.io/".Length..];
        if (n.StartsWith("library/", StringComparison.Ordinal)) n = n["library/".Length..];
        if (n.EndsWith(":latest", StringComparison.Ordinal)) n = n[..^":latest".Length];
        return n;
    }
}
