namespace DockerGuard.Cli.Tests;

/// <summary>Runs the real <c>dockerguard</c> command table in-process and captures what it prints.</summary>
public sealed record CliRun(int ExitCode, string Out, string Error)
{
    public static CliRun Of(params string[] args)
    {
        var o = new StringWriter();
        var e = new StringWriter();
        var code = CliApp.RunAsync(args, new CliContext(o, e), CancellationToken.None).GetAwaiter().GetResult();
        return new CliRun(code, o.ToString(), e.ToString());
    }

    public override string ToString() => $"exit {ExitCode}\n--- out\n{Out}\n--- err\n{Error}";
}

/// <summary>The checkout this test runs from, found by walking up to DockerGuard.sln.</summary>
public static class Repository
{
    public static string Root { get; } = Find();

    public static string PathOf(string relative) => Path.Combine(Root, relative);

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "DockerGuard.sln"))) return dir.FullName;
        throw new InvalidOperationException("DockerGuard.sln not found above " + AppContext.BaseDirectory);
    }
}

/// <summary>A temp directory of policy and test files; removed on Dispose.</summary>
public sealed class TempTree : IDisposable
{
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "dg-cli-" + Guid.NewGuid().ToString("N")[..12]);

    public TempTree() => Directory.CreateDirectory(Path);

    public string Write(string name, string text)
    {
        var full = System.IO.Path.Combine(Path, name);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        File.WriteAllText(full, text);
        return full;
    }

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); }
        catch (IOException) { }
    }
}
