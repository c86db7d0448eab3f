namespace DockerGuard.Audit.Tests.Support;

/// <summary>A fresh directory under /tmp, removed with everything in it.</summary>
public sealed class TempDir : IDisposable
{
    public TempDir(string prefix = "dg-audit")
    {
        Path = Directory.CreateTempSubdirectory(prefix + "-").FullName;
    }

    public string Path { get; }
    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}
