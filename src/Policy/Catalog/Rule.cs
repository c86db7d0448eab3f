using DockerGuard.Policy.Model;

namespace DockerGuard.Policy.Catalog;

/// <summary>
/// A rule of the catalogue: metadata plus a pure check. Subclasses live one per file under
/// <c>Rules/</c> and register themselves with <see cref="RuleCatalog"/> from a module initializer,
/// so adding a rule touches nothing else.
/// </summary>
public abstract class Rule
{
    public abstract RuleInfo Info { get; }

    /// <summary>Binds validated parameters once per policy load; the result is what the hot path calls.</summary>
    public abstract BoundRule Bind(RuleParameters parameters);

    public BoundRule BindDefaults() => Bind(RuleParameters.Defaults(Info));
}

/// <summary>A rule with its parameters fixed: the unit the evaluator runs.</summary>
public abstract class BoundRule
{
    public abstract Rule Rule { get; }
    public abstract void Check(WorkloadRequest request, ViolationSink sink);
}

/// <summary>Base for rules whose parameters are read into a typed settings object at bind time.</summary>
public abstract class Rule<TSettings> : Rule where TSettings : notnull
{
    protected abstract TSettings ReadSettings(RuleParameters parameters);
    protected abstract void Check(WorkloadRequest request, TSettings settings, ViolationSink sink);

    public sealed override BoundRule Bind(RuleParameters parameters) => new Bound(this, ReadSettings(parameters));

    private sealed class Bound(Rule<TSettings> rule, TSettings settings) : BoundRule
    {
        public override Rule Rule => rule;
        public override void Check(WorkloadRequest request, ViolationSink sink) => rule.Check(request, settings, sink);
    }
}

/// <summary>Base for rules without parameters.</summary>
public abstract class SimpleRule : Rule
{
    protected abstract void Check(WorkloadRequest request, ViolationSink sink);

    public sealed override BoundRule Bind(RuleParameters parameters) => new Bound(this);

    private sealed class Bound(SimpleRule rule) : BoundRule
    {
        public override Rule Rule => rule;
        public override void Check(WorkloadRequest request, ViolationSink sink) => rule.Check(request, sink);
    }
}
