using System.Diagnostics;

namespace DockerGuard.OciHook.Timing;

/// <summary>Publishes the hook as it ships (Native AOT, Release), so the numbers are the shipped binary's.</summary>
internal static class Publisher
{
    public static string PublishHook(string repositoryRoot, string outputDirectory)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "publish", Path.Combine(repositoryRoot, "src/OciHook.Hook/OciHook.Hook.csproj"), "-r", "linux-x64", "-c", "Release", "-o", outputDirectory, "--nologo", "-v", "q" })
            psi.ArgumentList.Add(a);
        Console.Error.WriteLine("publishing src/OciHook.Hook (Native AOT)...");
        using var p = Process.Start(psi)!;
        var output = p.StandardOutput.ReadToEndAsync();
        var error = p.StandardError.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0) throw new InvalidOperationException($"dotnet publish failed:\n{output.Result}\n{error}");
        return Path.Combine(outputDirectory, "dockerguard-oci-hook");
    }
}

/// <summary>The checkout this runs from (the directory holding DockerGuard.sln).</summary>
internal static class Repository
{
    public static string Root()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "DockerGuard.sln"))) return dir.FullName;
        throw new InvalidOperationException("run from inside the DockerGuard checkout");
    }
}
