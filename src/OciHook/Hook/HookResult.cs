namespace DockerGuard.OciHook.Hook;

/// <summary>What the hook process ends with: exit 0 lets the runtime go on, 1 makes it destroy the container.</summary>
public readonly record struct HookResult(int ExitCode, string? ErrorLine)
{
    public static readonly HookResult Allow = new(0, null);
}
