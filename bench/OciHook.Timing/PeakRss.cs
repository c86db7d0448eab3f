using System.Globalization;

namespace DockerGuard.OciHook.Timing;

/// <summary>
/// The hook's peak RSS, through GNU time (fork, then exec). Not from our own spawn: posix_spawn is a
/// vfork, and exec records the hiwater RSS of the memory it replaces (ours, the whole .NET bench)
/// into the child's rusage, so ru_maxrss would report the parent.
/// </summary>
internal static class PeakRss
{
    private const string Time = "/usr/bin/time";

    public static string Measure(string[] argv, string[] env, string stdinFile, string output)
    {
        if (!File.Exists(Time)) return "n/a (install GNU time)";
        long max = 0;
        for (var i = 0; i < 20; i++)
        {
            Spawn.Run([Time, "-f", "%M", "-o", output, .. argv], env, stdinFile);
            max = Math.Max(max, long.Parse(File.ReadAllLines(output).Last(l => l.Length > 0), CultureInfo.InvariantCulture));
        }
        return string.Create(CultureInfo.InvariantCulture, $"{max / 1024.0:F1} MiB");
    }
}
