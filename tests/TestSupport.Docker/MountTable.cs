using System.Diagnostics;

namespace DockerGuard.TestSupport.Docker;

/// <summary>Leaves no mount behind: container runtimes mount shm, netns and overlay dirs under their state directories.</summary>
public static class MountTable
{
    /// <summary>Lazily unmounts everything mounted below <paramref name="dir"/>, deepest first.</summary>
    public static void UnmountUnder(string dir)
    {
        var prefix = dir.TrimEnd('/') + "/";
        var targets = File.ReadAllLines("/proc/self/mountinfo")
            .Select(l => l.Split(' ')[4].Replace("\\040", " ", StringComparison.Ordinal))
            .Where(t => t.StartsWith(prefix, StringComparison.Ordinal))
            .OrderByDescending(t => t.Length);
        foreach (var t in targets)
            Process.Start("umount", ["-l", t])!.WaitForExit();
    }
}
