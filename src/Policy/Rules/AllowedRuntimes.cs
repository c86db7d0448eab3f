using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using DockerGuard.Policy.Catalog;
using DockerGuard.Policy.Model;

namespace DockerGuard.Policy.Rules;

/// <summary>
/// allowed-runtimes: a Docker container must run under an allowed OCI runtime.
/// Fields: HostConfig.Runtime (create), TaskTemplate.Runtime (services). Empty = the daemon's
/// default runtime and passes. Another runtime skips DockerGuard's OCI hook wrapper.
/// </summary>
public sealed class AllowedRuntimes : Rule<ImmutableArray<string>>
{
    [ModuleInitializer]
    internal static void Register() => RuleCatalog.Register(new AllowedRuntimes());

    public override RuleInfo Info { get; } = new()
    {
        Id = "allowed-runtimes",
        Title = "Run containers only under allowed OCI runtimes",
        Rationale = "A container started under another runtime bypasses the runtime wrapper that applies DockerGuard's OCI hook.",
        Remediation = "remove --runtime, or use one of the allowed runtimes",
        Surfaces = [Surface.Docker],
        Parameters = [ParameterSpec.List("runtimes", ["runc", "dockerguard"], "runtimes a container may ask for")],
    };

    protected override ImmutableArray<string> ReadSettings(RuleParameters parameters) => parameters.GetList("runtimes");

    protected override void Check(WorkloadRequest request, ImmutableArray<string> runtimes, ViolationSink sink)
    {
        foreach (var c in request.Containers)
            if (c.Runtime is { } runtime && !runtimes.Contains(runtime.Value))
                sink.Add(c, runtime.Path, $"runtime \"{runtime.Value}\"");
    }
}
