using System.Diagnostics;
using DockerGuard.Policy.Files;

namespace DockerGuard.Policy.Tests.Files;

/// <summary>
/// The version is SHA-256 over canonical content: layout and comments do not change it, meaning
/// does. The Git commit is read from a real repository made with the git binary.
/// </summary>
public class PolicyVersionTests
{
    private const string Policy = "apiVersion: dockerguard.io/v1\nkind: Policy\nmetadata:\n  name: p\nspec:\n  rules:\n    privileged: {action: deny}\n    host-network: {action: warn}\n";

    private static string Hash(params (string File, string Text)[] files) => PolicyYaml.Compile(files).Version.ContentHash;

    [Fact]
    public void Reformatting_reordering_keys_and_comments_keep_the_version()
    {
        const string reformatted = """
            # the same policy, written differently
            kind: Policy
            apiVersion: "dockerguard.io/v1"
            metadata: {name: 'p'}
            spec:
              rules:
                host-network:
                  action: warn   # CIS should
                privileged:
                  action: deny
            """;
        Hash(("p.yaml", Policy)).Should().Be(Hash(("p.yaml", reformatted)));
        Hash(("p.yaml", Policy)).Should().MatchRegex("^sha256:[0-9a-f]{64}$");
    }

    [Fact]
    public void Any_change_of_meaning_changes_the_version()
    {
        var original = Hash(("p.yaml", Policy));
        Hash(("p.yaml", Policy.Replace("warn", "audit", StringComparison.Ordinal))).Should().NotBe(original);
        Hash(("p.yaml", Policy.Replace("name: p", "name: q", StringComparison.Ordinal))).Should().NotBe(original);
        Hash(("renamed.yaml", Policy)).Should().NotBe(original, "file order decides violation order, so file names are part of the content");
    }

    [Fact]
    public void Loading_the_same_directory_twice_gives_the_same_version()
    {
        using var dir = new TempDirectory();
        dir.Write("p.yaml", Policy);
        PolicyDirectory.Load(dir.Path).Plan!.Version.Should().Be(PolicyDirectory.Load(dir.Path).Plan!.Version);
    }

    [Fact]
    public void Outside_a_checkout_there_is_no_commit()
    {
        using var dir = new TempDirectory();
        dir.Write("p.yaml", Policy);
        PolicyDirectory.Load(dir.Path).Plan!.Version.GitCommit.Should().BeNull();
    }

    [Fact]
    public void Inside_a_checkout_the_version_carries_the_head_commit_from_loose_and_packed_refs()
    {
        using var repo = new TempDirectory();
        var policies = Path.Combine(repo.Path, "policies");
        repo.Write("policies/p.yaml", Policy);
        Git(repo.Path, "init", "-q", "-b", "main");
        Git(repo.Path, "add", ".");
        Git(repo.Path, "-c", "user.name=t", "-c", "user.email=t@example.invalid", "commit", "-q", "-m", "policy");
        var head = Git(repo.Path, "rev-parse", "HEAD");

        var version = PolicyDirectory.Load(policies).Plan!.Version;
        version.GitCommit.Should().Be(head);
        version.Short.Should().EndWith("@git:" + head[..12]);

        Git(repo.Path, "pack-refs", "--all");
        File.Exists(Path.Combine(repo.Path, ".git", "refs", "heads", "main")).Should().BeFalse("the ref now lives only in packed-refs");
        GitCheckout.HeadCommit(policies).Should().Be(head);

        Git(repo.Path, "checkout", "-q", "--detach");
        GitCheckout.HeadCommit(policies).Should().Be(head);
    }

    [Fact]
    public void A_linked_worktree_resolves_through_its_gitdir_file()
    {
        using var repo = new TempDirectory();
        repo.Write("main/policies/p.yaml", Policy);
        var main = Path.Combine(repo.Path, "main");
        Git(main, "init", "-q", "-b", "main");
        Git(main, "add", ".");
        Git(main, "-c", "user.name=t", "-c", "user.email=t@example.invalid", "commit", "-q", "-m", "policy");
        Git(main, "worktree", "add", "-q", "-b", "feature", Path.Combine(repo.Path, "wt"));
        GitCheckout.HeadCommit(Path.Combine(repo.Path, "wt", "policies")).Should().Be(Git(main, "rev-parse", "HEAD"));
    }

    private static string Git(string dir, params string[] args)
    {
        var psi = new ProcessStartInfo("git") { WorkingDirectory = dir, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment["GIT_CONFIG_NOSYSTEM"] = "1";
        psi.Environment["HOME"] = dir;
        using var p = Process.Start(psi)!;
        var output = p.StandardOutput.ReadToEnd();
        var error = p.StandardError.ReadToEnd();
        p.WaitForExit();
        p.ExitCode.Should().Be(0, $"git {string.Join(' ', args)}: {error}");
        return output.Trim();
    }
}
