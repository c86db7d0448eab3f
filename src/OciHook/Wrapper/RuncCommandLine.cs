namespace DockerGuard.OciHook.Wrapper;

/// <summary>
/// Just enough of runc's command line to find the subcommand and the bundle: global options come
/// first (runc main.go: --root, --log, --log-format, --criu and --rootless take a value), then the
/// command; the bundle is <c>--bundle</c>/<c>-b</c> anywhere after it and defaults to the working
/// directory (runc create --help).
/// </summary>
public sealed record RuncCommandLine(string? Command, string? Bundle)
{
    private static readonly HashSet<string> GlobalOptionsWithValue = new(StringComparer.Ordinal)
    {
        "--root", "--log", "--log-format", "--criu", "--rootless",
    };

    /// <summary>Subcommands that create a container from a bundle: the hook has to be in place before them.</summary>
    public bool CreatesContainer => Command is "create" or "run";

    public static RuncCommandLine Parse(IReadOnlyList<string> args)
    {
        var i = 0;
        while (i < args.Count && args[i].StartsWith('-'))
        {
            var a = args[i++];
            if (GlobalOptionsWithValue.Contains(a)) i++;
        }
        if (i >= args.Count) return new RuncCommandLine(null, null);
        var command = args[i++];
        string? bundle = null;
        for (; i < args.Count; i++)
        {
            var a = args[i];
            if (a is "--bundle" or "-b" or "--bundle=" && i + 1 < args.Count && !a.EndsWith('=')) bundle = args[++i];
            else if (a.StartsWith("--bundle=", StringComparison.Ordinal)) bundle = a["--bundle=".Length..];
            else if (a.StartsWith("-b=", StringComparison.Ordinal)) bundle = a["-b=".Length..];
        }
        return new RuncCommandLine(command, bundle);
    }
}
