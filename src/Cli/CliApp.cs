namespace DockerGuard.Cli;

/// <summary>Finds the command named by the leading words and runs it; usage and internal errors map to exit codes.</summary>
public static class CliApp
{
    public static async Task<int> RunAsync(string[] args, CliContext context, CancellationToken cancellationToken)
    {
        if (args.Length == 0 || args[0] is "help" or "--help" or "-h")
        {
            var target = args.Length > 1 ? Find(args[1..]) : default;
            if (target.Command is not null) context.Out.WriteLine(target.Command.Usage);
            else PrintHelp(context.Out);
            return args.Length == 0 ? ExitCodes.Usage : ExitCodes.Ok;
        }

        var (command, used) = Find(args);
        if (command is null)
        {
            context.Error.WriteLine($"dockerguard: unknown command '{string.Join(' ', args.TakeWhile(a => !a.StartsWith('-')))}'");
            PrintHelp(context.Error);
            return ExitCodes.Usage;
        }

        try
        {
            var rest = args[used..];
            if (rest.Contains("--help") || rest.Contains("-h"))
            {
                context.Out.WriteLine(command.Usage);
                return ExitCodes.Ok;
            }
            return await command.RunAsync(rest, context, cancellationToken);
        }
        catch (CliUsageException e)
        {
            context.Error.WriteLine($"dockerguard {string.Join(' ', command.Words)}: {e.Message}");
            context.Error.WriteLine($"usage: {command.Usage}");
            return ExitCodes.Usage;
        }
    }

    /// <summary>The command whose words are the longest prefix of the arguments.</summary>
    private static (ICliCommand? Command, int Used) Find(string[] args)
    {
        ICliCommand? best = null;
        foreach (var c in CommandTable.All)
        {
            if (c.Words.Count > args.Length || (best is not null && c.Words.Count <= best.Words.Count)) continue;
            var match = true;
            for (var i = 0; i < c.Words.Count && match; i++) match = c.Words[i] == args[i];
            if (match) best = c;
        }
        return (best, best?.Words.Count ?? 0);
    }

    private static void PrintHelp(TextWriter w)
    {
        w.WriteLine("usage: dockerguard <command> [options]");
        w.WriteLine();
        foreach (var c in CommandTable.All.OrderBy(c => string.Join(' ', c.Words), StringComparer.Ordinal))
            w.WriteLine($"  {string.Join(' ', c.Words),-24} {c.Summary}");
        w.WriteLine();
        w.WriteLine("dockerguard help <command> shows a command's options.");
    }
}
