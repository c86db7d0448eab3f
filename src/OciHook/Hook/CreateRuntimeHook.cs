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
            var shortId = OciTranslator.ShortId(state.Id!);
            var answer = decision.Allowed
                ? HookResult.Allow
                : new HookResult(1, DenialLine.Denied(shortId, decision.Violations.Where(v => v.Action == RuleAction.Deny)));
            if (Record(new AuditEntry(request, decision, System.Diagnostics.Stopwatch.GetElapsedTime(started)) { Route = "createRuntime" }) is { } unrecorded)
            {
                // A denial stands whatever the trail says; an allow that cannot be recorded follows the failure mode.
                if (!decision.Allowed) return answer;
                return settings.OnError == InputFailureMode.Deny ? new HookResult(1, DenialLine.Error(shortId, unrecorded)) : HookResult.Allow;
            }
            return answer;
        }
        catch (OciInputException e)
        {
            var id = state?.Id is { } full ? OciTranslator.ShortId(full) : "-";
            return settings.OnError == InputFailureMode.Deny ? new HookResult(1, DenialLine.Error(id, e.Message)) : HookResult.Allow;
        }
    }

    /// <summary>A decision is answered only once its record is durable. Returns why it could not be recorded, or null.</summary>
    private string? Record(AuditEntry entry)
    {
        if (audit is null) return null;
        try
        {
            audit.RecordAsync(entry).AsTask().GetAwaiter().GetResult();
            return null;
        }
        catch (AuditUnavailableException e)
        {
            return $"audit trail unavailable, denying: {e.Message}";
        }
    }
}
