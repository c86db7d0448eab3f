using System.Text;
using DockerGuard.OciHook.Host;
using DockerGuard.Policy.Evaluation;

namespace DockerGuard.OciHook.Hook;

/// <summary>
/// The executable's whole life: arguments and environment → settings → one run → exit code. Nothing
/// is ever written to stdout (runc shows it to the user); stderr gets at most one line.
/// </summary>
public static class HookProgram
{
    public static int Run(string[] args, Stream stdin, Stream stderr, Func<string, string?> environment)
    {
        HookResult result;
        try
        {
            if (args.Length > 0 && args[0] is not ("createRuntime" or "prestart"))
                throw new HookSetupException($"unsupported stage '{args[0]}': register the hook for createRuntime (or prestart on runtimes without it)");
            var settings = HookSettings.FromEnvironment(environment);
            var policy = HookPolicy.Load(settings);
            var audit = settings.AuditSpillPath is { } spill ? new SpillLineAudit(spill, Environment.MachineName, settings.AuditSync) : null;
            result = new CreateRuntimeHook(new LiveHost(), settings, policy, audit).Run(stdin);
        }
        catch (HookSetupException e)
        {
            result = new HookResult(1, DenialLine.Error("-", e.Message));
        }
        if (result.ErrorLine is { } line)
        {
            var bytes = Encoding.UTF8.GetBytes(line + "\n");
            stderr.Write(bytes);
            stderr.Flush();
        }
        return result.ExitCode;
    }
}
