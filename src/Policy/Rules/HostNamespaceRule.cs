using DockerGuard.Policy.Catalog;
using DockerGuard.Policy.Model;

namespace DockerGuard.Policy.Rules;

/// <summary>
/// Shared shape of the host-namespace rules (host-network, host-pid, …): each names one namespace
/// of the sandbox and flags it when it is the host's. Sharing with another container is flagged
/// too when <c>denyContainerSharing</c> is set, because it inherits whatever that container has.
/// A host namespace that is only the runtime's default (<see cref="NamespaceSetting.Explicit"/> false)
/// is flagged unless <see cref="Settings.DenyRuntimeDefault"/> is false: rules whose default is
/// host on ordinary hosts (user, cgroup v1) deny only what the request asked for.
/// </summary>
public abstract class HostNamespaceRule : Rule<HostNamespaceRule.Settings>
{
    public sealed record Settings(bool DenyContainerSharing, bool DenyRuntimeDefault = true);

    /// <summary>Human name of the namespace for messages ("network", "PID").</summary>
    protected abstract string NamespaceName { get; }
    protected abstract NamespaceSetting Select(Namespaces namespaces);

    protected static ParameterSpec ContainerSharingParameter(bool @default) => ParameterSpec.Bool(
        "denyContainerSharing", @default,
        "also flag joining another container's namespace (container:<name>), which inherits that container's access");

    protected override Settings ReadSettings(RuleParameters parameters) => new(parameters.GetBool("denyContainerSharing"));

    protected override void Check(WorkloadRequest request, Settings settings, ViolationSink sink)
    {
        var ns = Select(request.Sandbox.Namespaces);
        if (ns.Mode == NamespaceMode.Host && ns.Explicit)
            sink.Add(ns.Path, $"host {NamespaceName} namespace");
        else if (ns.Mode == NamespaceMode.Host && settings.DenyRuntimeDefault)
            sink.Add(ns.Path, $"host {NamespaceName} namespace (runtime default)");
        else if (ns.Mode == NamespaceMode.Container && settings.DenyContainerSharing)
            sink.Add(ns.Path, $"{NamespaceName} namespace shared with container {ns.SharedWith}");
    }
}
