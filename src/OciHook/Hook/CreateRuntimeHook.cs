using DockerGuard.Audit;
using DockerGuard.OciHook.Host;
using DockerGuard.OciHook.Spec;
using DockerGuard.OciHook.Translation;
using DockerGuard.Policy.Catalog;
using DockerGuard.Policy.Evaluation;

namespace DockerGuard.OciHook.Hook;

/// <summary>
/// One createRuntime invocation: state + config → request → decision → record → exit code and line.
/// Only deny violations are printed; warnings and audits go to the audit trail, since runc shows hook
/// output only when the hook fails.
/// </summary>
public sealed class CreateRuntimeHook(IHostView host, HookSettings settings, CompiledPolicy policy, IDecisionAudit? audit = null)
{
    public HookResult Run(Stream stdin)
    {
        OciState? state = null;
        try
        {
            state = HookInput.ReadState(stdin);
            var spec = HookInput.ReadConfig(state);
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            var request = OciTranslator.Translate(state, spec, host);
            var decision = PolicyEngine.Evaluate(policy, request);
            Record(new AuditEntry(request, decision, System.Diagnostics.Stopwatch.GetElapsedTime(started)));
            if (decision.Allowed) return HookResult.Allow;
            return new HookResult(1, DenialLine.Denied(OciTranslator.ShortId(state.Id!), decision.Violations.Where(v => v.Action == RuleAction.Deny)));
        }
        catch (OciInputException e)
        {
            var id = state?.Id is { } full ? OciTranslator.ShortId(full) : "-";
            return settings.OnError == InputFailureMode.Deny ? new HookResult(1, DenialLine.Error(id, e.Message)) : HookResult.Allow;
        }
    }

    /// <summary>A decision is answered only once its record is durable; a store that cannot take it denies (fail closed).</summary>
    private void Record(AuditEntry entry)
    {
        if (audit is null) return;
        try
        {
            audit.RecordAsync(entry).AsTask().GetAwaiter().GetResult();
        }
        catch (AuditUnavailableException e)
        {
            throw new OciInputException($"audit trail unavailable, denying: {e.Message}", e);
        }
    }
}
