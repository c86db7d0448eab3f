using DockerGuard.OciHook.Install;
using DockerGuard.OciHook.Translation;

namespace DockerGuard.OciHook.Wrapper;

/// <summary>
/// <c>dockerguard-runc</c>: Docker has no hooks.d, so this stands in for runc (daemon.json
/// <c>runtimes</c> + <c>default-runtime</c>). On create/run it adds DockerGuard's hook, taken from the
/// installed hooks.d definition, to the bundle; then, for every subcommand, it execs the real runc
/// with the arguments unchanged. If the hook cannot be added, the create fails: a wrapper that let
/// the container through unchecked would be a silent bypass.
/// </summary>
public static class RuncWrapper
{
    public const string DefinitionVariable = "DOCKERGUARD_HOOK_DEFINITION";
    public const string RuncVariable = "DOCKERGUARD_RUNC";

    private static readonly string[] RuncCandidates = ["/usr/sbin/runc", "/usr/bin/runc", "/usr/local/sbin/runc", "/usr/local/bin/runc"];

    public static int Run(string[] args, TextWriter stderr, Func<string, string?> environment)
    {
        var runc = environment(RuncVariable) is { Length: > 0 } configured ? configured : RuncCandidates.FirstOrDefault(File.Exists);
        if (runc is null)
        {
            stderr.WriteLine($"dockerguard-runc: no runc found (looked at {string.Join(", ", RuncCandidates)}; set {RuncVariable})");
            return 1;
        }

        var line = RuncCommandLine.Parse(args);
        if (line.CreatesContainer)
        {
            try
            {
                var definition = HookDefinitionFile.Read(environment(DefinitionVariable) is { Length: > 0 } d ? d : Path.Combine(HookDefinition.DefaultDirectory, HookDefinition.FileName));
                BundleHookInjector.AddHook(Path.GetFullPath(line.Bundle ?? Directory.GetCurrentDirectory()), definition.Hook);
            }
            catch (OciInputException e)
            {
                stderr.WriteLine($"dockerguard-runc: refusing to {line.Command} without DockerGuard's hook: {e.Message}");
                return 1;
            }
        }

        var error = ProcessImage.Exec(runc, [runc, .. args]);
        stderr.WriteLine($"dockerguard-runc: cannot exec {runc}: {error}");
        return 1;
    }
}
