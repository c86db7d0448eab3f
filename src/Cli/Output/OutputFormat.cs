namespace DockerGuard.Cli.Output;

/// <summary>How a command prints: for people (text/table), for programs (json), for docs (markdown).</summary>
public enum OutputFormat
{
    Text,
    Json,
    Markdown,
}

public static class OutputFormats
{
    /// <summary>Reads <c>--output</c>; <paramref name="allowed"/> names what this command supports ("table" and "text" both mean Text).</summary>
    public static OutputFormat Read(CliArgs args, params string[] allowed)
    {
        var value = args.Option("output") ?? allowed[0];
        if (Array.IndexOf(allowed, value) < 0)
            throw new CliUsageException($"--output must be one of {string.Join(", ", allowed)}, not '{value}'");
        return value switch
        {
            "json" => OutputFormat.Json,
            "markdown" => OutputFormat.Markdown,
            _ => OutputFormat.Text,
        };
    }
}
