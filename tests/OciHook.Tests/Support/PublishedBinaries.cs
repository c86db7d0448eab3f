namespace DockerGuard.OciHook.Tests.Support;

/// <summary>
/// The hook and the runc wrapper as they ship: Native AOT (the real runtimes execute them; the test
/// host's JIT build would not be what users run). Published once into a temp directory named by a
/// hash of every source that goes into them, so a rerun without changes reuses the binaries and a
/// change always republishes.
/// </summary>
public static class PublishedBinaries
{
    private static readonly Lazy<Task<string>> Published = new(PublishAsync);

    /// <summary>The directory holding dockerguard-oci-hook and dockerguard-runc.</summary>
    public static Task<string> DirectoryAsync() => Published.Value;

    public static async Task<string> HookAsync() => Path.Combine(await DirectoryAsync(), "dockerguard-oci-hook");

    public static async Task<string> WrapperAsync() => Path.Combine(await DirectoryAsync(), "dockerguard-runc");

    private static async Task<string> PublishAsync()
    {
        var dir = Path.Combine(Path.GetTempPath(), $"dg-oci-bin-{SourceHash()}");
        if (File.Exists(Path.Combine(dir, ".complete"))) return dir;
        Directory.CreateDirectory(dir);
        foreach (var project in new[] { "src/OciHook.Hook/OciHook.Hook.csproj", "src/OciHook.Runc/OciHook.Runc.csproj" })
        {
            await Run.Checked("dotnet", ["publish", Path.Combine(Repository.Root, project), "-r", "linux-x64", "-c", "Release", "-o", dir, "--nologo", "-v", "q"],
                new Dictionary<string, string> { ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1" }, timeout: TimeSpan.FromMinutes(8));
        }
        File.WriteAllText(Path.Combine(dir, ".complete"), "");
        return dir;
    }

    private static string SourceHash()
    {
        using var sha = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
        var files = new[] { "src/Policy", "src/Audit", "src/OciHook", "src/OciHook.Hook", "src/OciHook.Runc" }
            .SelectMany(d => Directory.EnumerateFiles(Path.Combine(Repository.Root, d), "*", SearchOption.AllDirectories))
            .Where(f => !f.Contains("/bin/", StringComparison.Ordinal) && !f.Contains("/obj/", StringComparison.Ordinal))
            .Concat(Directory.EnumerateFiles(Repository.Root, "Directory.*.props"))
            .Order(StringComparer.Ordinal);
        foreach (var f in files)
        {
            sha.AppendData(System.Text.Encoding.UTF8.GetBytes(Path.GetRelativePath(Repository.Root, f)));
            sha.AppendData(File.ReadAllBytes(f));
        }
        return Convert.ToHexString(sha.GetHashAndReset())[..16].ToLowerInvariant();
    }
}
