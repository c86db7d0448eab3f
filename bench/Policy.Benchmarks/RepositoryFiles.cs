namespace DockerGuard.Policy.Benchmarks;

/// <summary>Finds the checkout (the directory holding DockerGuard.sln) so the benchmark reads the shipped policy and fixtures.</summary>
public static class RepositoryFiles
{
    public static string Root { get; } = FindRoot();

    public static string PolicyDirectory => Path.Combine(Root, "policies");

    /// <summary>The dockerd 20.10.24 captures the plugin's tests use (shared/fixtures/docker-authz).</summary>
    public static string DockerFixtures => Path.Combine(Root, "tests", "AuthzPlugin.Tests", "Fixtures");

    private static string FindRoot()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "DockerGuard.sln"))) return dir.FullName;
        throw new InvalidOperationException("run the benchmark from inside the DockerGuard checkout (DockerGuard.sln not found above the current directory)");
    }
}
