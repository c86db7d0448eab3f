using DockerGuard.Policy.Files;

namespace DockerGuard.Cli.PolicyTests;

/// <summary>
/// A directory of policies that are loaded together, with its tests in <c>tests/</c>. The tree
/// under a policy root may hold several: <c>policies/</c> (what <c>serve</c> enforces) and
/// <c>policies/optional/</c> (shipped, tested, not enforced until copied up or served on its own).
/// </summary>
public sealed record PolicySet(string Directory, IReadOnlyList<string> PolicyFiles, IReadOnlyList<string> TestFiles)
{
    public const string TestsDirectory = "tests";

    /// <summary>
    /// The root itself and every directory below it that holds policy files, skipping
    /// <c>tests/</c> directories; ordered by path. A <c>tests/</c> directory whose parent holds no
    /// policy still yields a set, so its files are reported rather than ignored.
    /// </summary>
    public static IReadOnlyList<PolicySet> Find(string root)
    {
        var sets = new List<PolicySet>();
        Walk(root, sets);
        return sets;
    }

    private static void Walk(string dir, List<PolicySet> sets)
    {
        var policies = PolicyDirectory.PolicyFiles(dir);
        var testsDir = Path.Combine(dir, TestsDirectory);
        var tests = System.IO.Directory.Exists(testsDir) ? PolicyDirectory.PolicyFiles(testsDir) : [];
        if (policies.Count > 0 || tests.Count > 0) sets.Add(new PolicySet(dir, policies, tests));
        foreach (var sub in System.IO.Directory.EnumerateDirectories(dir).OrderBy(d => d, StringComparer.Ordinal))
        {
            var name = Path.GetFileName(sub);
            if (name == TestsDirectory || name.StartsWith('.')) continue;
            Walk(sub, sets);
        }
    }
}
