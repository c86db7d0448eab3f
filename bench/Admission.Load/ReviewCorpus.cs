namespace DockerGuard.Admission.Load;

/// <summary>
/// The request bodies to post: every <c>*.admissionreview.json</c> in the fixture directory
/// (captures from a real kube-apiserver), sent round-robin so allow, deny, warn, exec and
/// controller paths are all exercised.
/// </summary>
public static class ReviewCorpus
{
    public static IReadOnlyList<(string Name, byte[] Body)> Load(string directory)
    {
        var files = Directory.GetFiles(directory, "*.admissionreview.json").Order(StringComparer.Ordinal).ToList();
        if (files.Count == 0) throw new InvalidOperationException($"no *.admissionreview.json in {directory}");
        return [.. files.Select(f => (Path.GetFileName(f).Replace(".admissionreview.json", "", StringComparison.Ordinal), File.ReadAllBytes(f)))];
    }

    /// <summary>The repository root: the first parent of the binary holding DockerGuard.sln.</summary>
    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "DockerGuard.sln"))) return dir.FullName;
        throw new InvalidOperationException("cannot find DockerGuard.sln above " + AppContext.BaseDirectory);
    }
}
