namespace DockerGuard.Policy.Files;

/// <summary>
/// The commit checked out in the Git working tree that holds a directory, read from <c>.git</c>
/// directly (HEAD → loose ref → packed-refs) so the enforcer needs no git binary. Handles linked
/// worktrees and submodules, whose <c>.git</c> is a file pointing at the real git dir. Uncommitted
/// edits do not show here; they change the content hash.
/// </summary>
public static class GitCheckout
{
    public static string? HeadCommit(string directory)
    {
        try
        {
            var gitDir = FindGitDir(Path.GetFullPath(directory));
            return gitDir is null ? null : ResolveHead(gitDir);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static string? FindGitDir(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            var dotGit = Path.Combine(dir.FullName, ".git");
            if (Directory.Exists(dotGit)) return dotGit;
            if (File.Exists(dotGit))
            {
                var line = File.ReadAllText(dotGit).Trim();
                if (!line.StartsWith("gitdir:", StringComparison.Ordinal)) return null;
                return Path.GetFullPath(line["gitdir:".Length..].Trim(), dir.FullName);
            }
        }
        return null;
    }

    private static string? ResolveHead(string gitDir)
    {
        var head = File.ReadAllText(Path.Combine(gitDir, "HEAD")).Trim();
        if (!head.StartsWith("ref:", StringComparison.Ordinal)) return IsHash(head) ? head : null;
        var refName = head["ref:".Length..].Trim();
        // A linked worktree keeps its own HEAD but shares refs with the main repository (commondir).
        var commonFile = Path.Combine(gitDir, "commondir");
        var commonDir = File.Exists(commonFile) ? Path.GetFullPath(File.ReadAllText(commonFile).Trim(), gitDir) : gitDir;
        foreach (var dir in new[] { gitDir, commonDir })
        {
            var loose = Path.Combine(dir, refName);
            if (File.Exists(loose) && File.ReadAllText(loose).Trim() is var h && IsHash(h)) return h;
        }
        var packed = Path.Combine(commonDir, "packed-refs");
        if (!File.Exists(packed)) return null;
        foreach (var line in File.ReadLines(packed))
        {
            var space = line.IndexOf(' ', StringComparison.Ordinal);
            if (space > 0 && line[(space + 1)..] == refName && IsHash(line[..space])) return line[..space];
        }
        return null;
    }

    // SHA-1 (40) or SHA-256 (64) object names.
    private static bool IsHash(string s) => s.Length is 40 or 64 && s.All(char.IsAsciiHexDigitLower);
}
