namespace DockerGuard.Cli;

/// <summary>
/// Parsed command line: positionals in order, <c>--name value</c> options (repeatable) and bare
/// <c>--flag</c>s. Options a command does not know are an error, reported by <see cref="RejectUnknown"/>.
/// </summary>
public sealed class CliArgs
{
    private readonly Dictionary<string, List<string>> _options = new(StringComparer.Ordinal);
    private readonly HashSet<string> _flags = new(StringComparer.Ordinal);
    private readonly HashSet<string> _read = new(StringComparer.Ordinal);

    public List<string> Positionals { get; } = [];

    /// <param name="args">Arguments after the command words.</param>
    /// <param name="flagNames">Options that take no value.</param>
    public static CliArgs Parse(IEnumerable<string> args, params string[] flagNames)
    {
        var result = new CliArgs();
        var flags = new HashSet<string>(flagNames, StringComparer.Ordinal);
        using var e = args.GetEnumerator();
        var onlyPositionals = false;
        while (e.MoveNext())
        {
            var a = e.Current;
            if (onlyPositionals || !a.StartsWith("--", StringComparison.Ordinal) || a == "-")
            {
                result.Positionals.Add(a);
                continue;
            }
            if (a == "--") { onlyPositionals = true; continue; }
            var name = a[2..];
            string? value = null;
            var eq = name.IndexOf('=', StringComparison.Ordinal);
            if (eq >= 0) { value = name[(eq + 1)..]; name = name[..eq]; }
            if (flags.Contains(name) && value is null) { result._flags.Add(name); continue; }
            if (value is null)
            {
                if (!e.MoveNext()) throw new CliUsageException($"option --{name} needs a value");
                value = e.Current;
            }
            if (!result._options.TryGetValue(name, out var list)) result._options[name] = list = [];
            list.Add(value);
        }
        return result;
    }

    public bool Flag(string name) { _read.Add(name); return _flags.Contains(name); }

    public string? Option(string name) { _read.Add(name); return _options.TryGetValue(name, out var v) ? v[^1] : null; }

    public string Option(string name, string @default) => Option(name) ?? @default;

    public IReadOnlyList<string> Options(string name) { _read.Add(name); return _options.TryGetValue(name, out var v) ? v : []; }

    /// <summary>Call after reading every option: an unknown option is a usage error, never ignored.</summary>
    public void RejectUnknown()
    {
        foreach (var name in _options.Keys.Concat(_flags))
            if (!_read.Contains(name)) throw new CliUsageException($"unknown option --{name}");
    }
}

/// <summary>A usage mistake: printed with the command's help, exit code 2.</summary>
public sealed class CliUsageException(string message) : Exception(message);
