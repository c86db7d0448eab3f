namespace DockerGuard.OciHook.Tests.Support;

/// <summary>Finds the checkout the tests run from (the directory holding DockerGuard.sln).</summary>
public static class Repository
{
    public static string Root { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "DockerGuard.sln"))) return dir.FullName;
        throw new InvalidOperationException($"DockerGuard.sln not found above {AppContext.BaseDirectory}");
    }
}
