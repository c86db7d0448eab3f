using System.Diagnostics;
using DockerGuard.Policy.Catalog;
using DockerGuard.Policy.Model;

namespace DockerGuard.Policy.Evaluation;

/// <summary>
/// Runs a compiled plan over one request. Pure apart from the clock: the same plan and request give
/// the same decision on every surface. Allocation-free per rule on the allow path: the sink is
/// reused per thread and violations are only created when a rule reports one.
/// </summary>
public static class PolicyEngine
{
    [ThreadStatic] private static ViolationSink? t_sink;

    public static Decision Evaluate(CompiledPolicy plan, WorkloadRequest request, TimeProvider? time = null)
    {
        var started = Stopwatch.GetTimestamp();
        var clock = time ?? TimeProvider.System;
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var sink = t_sink ??= new ViolationSink();
        sink.Reset();
        List<AppliedException>? applied = null, expired = null;

        var entries = plan.Entries;
        for (var e = 0; e < entries.Length; e++)
        {
            if (!plan.Applies(e, request)) continue;
            var entry = entries[e];
            var before = sink.Count;
            sink.Begin(entry.Check.Rule.Info, entry.Action, entry.PolicyName);
            entry.Check.Check(request, sink);
            if (entry.Exceptions.IsEmpty || sink.Count == before) continue;
            for (var i = sink.Count - 1; i >= before; i--)
                if (ApplyExceptions(entry, request, sink[i], today, ref applied, ref expired))
                    sink.RemoveAt(i);
        }

        var violations = sink.Count == 0 ? [] : sink.Found.ToImmutableArrayCopy();
        sink.Reset();
        return new Decision
        {
            Outcome = OutcomeOf(violations),
            Violations = violations,
            ExceptionsApplied = applied is null ? [] : [.. applied],
            ExpiredExceptions = expired is null ? [] : [.. expired],
            PolicyVersion = plan.Version,
            EvaluationTime = Stopwatch.GetElapsedTime(started),
        };
    }

    /// <summary>True when an unexpired exception covers the violation; expired matches are reported, not applied.</summary>
    private static bool ApplyExceptions(PlanEntry entry, WorkloadRequest request, Violation v, DateOnly today,
        ref List<AppliedException>? applied, ref List<AppliedException>? expired)
    {
        foreach (var ex in entry.Exceptions)
        {
            if (!ex.CoversRule(v.RuleId) || !ex.Matches(request, v.Container)) continue;
            var record = new AppliedException(entry.PolicyName, ex.Name, v.RuleId, ex.Reason, ex.Owner, ex.Expires, v.Container);
            if (ex.IsExpired(today))
            {
                (expired ??= []).Add(record);
                continue;
            }
            (applied ??= []).Add(record);
            return true;
        }
        return false;
    }

    private static DecisionOutcome OutcomeOf(System.Collections.Immutable.ImmutableArray<Violation> violations)
    {
        var outcome = DecisionOutcome.Allow;
        foreach (var v in violations)
        {
            if (v.Action == RuleAction.Deny) return DecisionOutcome.Deny;
            if (v.Action == RuleAction.Warn) outcome = DecisionOutcome.Warn;
        }
        return outcome;
    }
}

internal static class ListExtensions
{
    public static System.Collections.Immutable.ImmutableArray<T> ToImmutableArrayCopy<T>(this IReadOnlyList<T> list)
    {
        var b = System.Collections.Immutable.ImmutableArray.CreateBuilder<T>(list.Count);
        for (var i = 0; i < list.Count; i++) b.Add(list[i]);
        return b.MoveToImmutable();
    }
}
