using DockerGuard.Policy.Model;

namespace DockerGuard.Policy.Catalog;

/// <summary>
/// Collects a rule's violations. The evaluator stamps rule id, action, references and policy, so a
/// rule only says what is wrong and where. Nothing is allocated until a rule reports something:
/// the allow path stays allocation-free.
/// </summary>
public sealed class ViolationSink
{
    private List<Violation>? _found;
    private RuleInfo? _rule;
    private RuleAction _action;
    private string _policy = "";

    public IReadOnlyList<Violation> Found => (IReadOnlyList<Violation>?)_found ?? [];
    public int Count => _found?.Count ?? 0;

    internal void Begin(RuleInfo rule, RuleAction action, string policy)
    {
        _rule = rule;
        _action = action;
        _policy = policy;
    }

    /// <summary>A sandbox- or request-level violation.</summary>
    public void Add(string fieldPath, string detail) => Add(null, fieldPath, detail);

    /// <summary>A violation in one container's settings.</summary>
    public void Add(Container? container, string fieldPath, string detail) => AddInContainer(container?.Name, fieldPath, detail);

    /// <summary>
    /// A violation in a container the request names but does not describe (the target of a docker exec),
    /// so exceptions can still match it by container name.
    /// </summary>
    public void AddInContainer(string? containerName, string fieldPath, string detail)
    {
        var rule = _rule ?? throw new InvalidOperationException("ViolationSink used outside an evaluation");
        (_found ??= []).Add(new Violation
        {
            RuleId = rule.Id,
            Action = _action,
            Detail = detail,
            FieldPath = fieldPath,
            References = rule.References,
            Remediation = rule.Remediation,
            Container = containerName,
            Policy = _policy,
        });
    }

    internal Violation this[int index] => _found![index];

    internal void RemoveAt(int index) => _found!.RemoveAt(index);

    internal void Reset()
    {
        _found?.Clear();
        _rule = null;
    }

    /// <summary>A sink for running one rule by hand (tests, <c>explain</c>).</summary>
    public static ViolationSink For(RuleInfo rule, RuleAction action = RuleAction.Deny, string policy = "")
    {
        var sink = new ViolationSink();
        sink.Begin(rule, action, policy);
        return sink;
    }
}
