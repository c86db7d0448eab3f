namespace DockerGuard.OciHook.Tests.Support;

/// <summary>
/// The hook and the runc wrapper as they ship: Native AOT, published once per test run into a temp
/// directory (the real runtimes execute them; the test host's JIT build would not be what users run).
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
        var dir = Path.Combine(Path.GetTempPath(), $"dg-oci-bin-{Environment.ProcessId}");
        Directory.CreateDirectory(dir);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => { try { Directory.Delete(dir, true); } catch (IOException) { } };
        foreach (var project in new[] { "src/OciHook.Hook/OciHook.Hook.csproj", "src/OciHook.Runc/OciHook.Runc.csproj" })
        {
            await Run.Checked("dotnet", ["publish", Path.Combine(Repository.Root, project), "-r", "linux-x64", "-c", "Release", "-o", dir, "--nologo", "-v", "q"],
                new Dictionary<string, string> { ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1" }, timeout: TimeSpan.FromMinutes(8));
        }
        return dir;
    }
}
