namespace DockerGuard.OciHook.Tests.Runtimes;

/// <summary>Leaves no mount behind: container runtimes mount shm and overlay dirs under their state directories.</summary>
public static class MountTable
{
    public static void UnmountUnder(string dir)
    {
        var prefix = dir.TrimEnd('/') + "/";
        var targets = File.ReadAllLines("/proc/self/mountinfo")
            .Select(l => l.Split(' ')[4].Replace("\\040", " "))
            .Where(t => t.StartsWith(prefix, StringComparison.Ordinal))
            .OrderByDescending(t => t.Length);
        foreach (var t in targets)
            System.Diagnostics.Process.Start("umount", ["-l", t])!.WaitForExit();
    }
}
