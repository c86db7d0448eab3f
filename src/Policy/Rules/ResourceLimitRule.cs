using DockerGuard.Policy.Catalog;
using DockerGuard.Policy.Model;

namespace DockerGuard.Policy.Rules;

/// <summary>
/// Shared shape of the limit rules (memory-limit, pids-limit): each names one limit of a
/// container and flags it when absent (adapters turn every "unlimited" spelling into null) or,
/// with a cap parameter above 0, when it is set above the cap.
/// </summary>
public abstract class ResourceLimitRule : Rule<long>
{
    /// <summary>Human name of the limit for messages ("memory", "PIDs").</summary>
    protected abstract string LimitName { get; }
    protected abstract string CapParameter { get; }
    protected abstract Field<long>? Select(Limits limits);
    /// <summary>Where the limit would be written when the user left it out.</summary>
    protected abstract string UnsetPath(WorkloadRequest request, Container container);
    protected virtual string Format(long value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);
    /// <summary>Containers that cannot carry the limit (Kubernetes ephemeral containers have no resources).</summary>
    protected virtual bool Applies(Container container) => true;

    protected override long ReadSettings(RuleParameters parameters) => parameters.GetInt(CapParameter);

    protected override void Check(WorkloadRequest request, long cap, ViolationSink sink)
    {
        foreach (var c in request.Containers)
        {
            if (!Applies(c)) continue;
            if (Select(c.Limits) is not { } limit)
                sink.Add(c, UnsetPath(request, c), $"no {LimitName} limit");
            else if (cap > 0 && limit.Value > cap)
                sink.Add(c, limit.Path, $"{LimitName} limit {Format(limit.Value)} above the {Format(cap)} cap");
            else
                CheckMore(request, c, sink);
        }
    }

    /// <summary>Further checks on a container whose limit is set and within the cap.</summary>
    protected virtual void CheckMore(WorkloadRequest request, Container container, ViolationSink sink) { }
}
