using DockerGuard.Policy.Model;

namespace DockerGuard.Policy.Evaluation;

/// <summary>
/// Holds the running plan. <see cref="Swap"/> replaces it atomically; readers take one reference
/// per decision, so a reload never mixes two plans in one answer.
/// </summary>
public sealed class PolicyStore
{
    private CompiledPolicy _current;
    private readonly TimeProvider _time;

    public PolicyStore(CompiledPolicy initial, TimeProvider? time = null)
    {
        _current = initial;
        _time = time ?? TimeProvider.System;
    }

    public CompiledPolicy Current => Volatile.Read(ref _current);

    /// <summary>Raised after a new plan is in place.</summary>
    public event Action<CompiledPolicy>? Swapped;

    public Decision Evaluate(WorkloadRequest request) => PolicyEngine.Evaluate(Current, request, _time);

    public void Swap(CompiledPolicy next)
    {
        Interlocked.Exchange(ref _current, next);
        Swapped?.Invoke(next);
    }
}
