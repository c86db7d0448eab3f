using DockerGuard.Cli.Commands;
using DockerGuard.Cli.Serving;
using DockerGuard.Policy.Files;

namespace DockerGuard.Cli.Tests;

/// <summary>
/// What <c>dockerguard serve</c> enforces and records before any socket is opened. The command
/// itself runs against a real dockerd in AuthzPlugin.Tests/EndToEnd/ServeCommandTests.
/// </summary>
public class ServeCommandTests
{
    private static void Ignore(string line) { }

    [Fact]
    public void Built_in_policy_is_the_shipped_policies_cis_runtime_yaml()
    {
        var shipped = PolicyDirectory.Load(Repository.PathOf("policies")).Plan!;
        ServedPolicy.CompileEmbedded().Version.ContentHash.Should().Be(shipped.Version.ContentHash, "the binary embeds policies/cis-runtime.yaml as it is in the repository");
    }

    [Fact]
    public void Without_a_policy_dir_a_fresh_machine_gets_the_built_in_policy_and_is_told_so()
    {
        using var tree = new TempTree();
        using var policy = ServedPolicy.Open(null, Path.Combine(tree.Path, "etc-dockerguard-policies"), Ignore);
        policy.IsEmbedded.Should().BeTrue();
        policy.Source.Should().Contain("built-in cis-runtime.yaml").And.Contain("does not exist");
        policy.Store.Current.Entries.Should().Contain(e => e.Info.Id == "privileged");
    }

    [Fact]
    public void Without_a_policy_dir_an_existing_default_directory_is_used_and_watched()
    {
        using var tree = new TempTree();
        tree.Write("policies/cis-runtime.yaml", File.ReadAllText(Repository.PathOf("policies/cis-runtime.yaml")).Replace("privileged:               {action: deny}", "privileged:               {action: warn}", StringComparison.Ordinal));
        using var policy = ServedPolicy.Open(null, Path.Combine(tree.Path, "policies"), Ignore);
        policy.IsEmbedded.Should().BeFalse();
        policy.Watcher.Should().NotBeNull();
        policy.Store.Current.Version.Should().NotBe(ServedPolicy.CompileEmbedded().Version, "the directory's edited policy is enforced, not the built-in one");
    }

    [Fact]
    public void A_policy_dir_that_is_named_but_missing_or_broken_refuses_to_start()
    {
        using var tree = new TempTree();
        var missing = () => ServedPolicy.Open(Path.Combine(tree.Path, "nope"), "/nonexistent", Ignore);
        missing.Should().Throw<CliUsageException>().WithMessage("*does not exist*");
        tree.Write("broken/p.yaml", "apiVersion: dockerguard.io/v1\nkind: Policy\nmetadata: {}\n");
        var broken = () => ServedPolicy.Open(Path.Combine(tree.Path, "broken"), "/nonexistent", Ignore);
        broken.Should().Throw<CliUsageException>().WithMessage("*does not compile*p.yaml*");
    }

    [Theory]
    [InlineData("--on-error", "maybe")]
    [InlineData("--audit-failure", "sometimes")]
    [InlineData("--socket", "relative.sock")]
    [InlineData("--listen", "x")]
    [InlineData("--metrics-address", "localhost:9464")]
    public void Bad_options_are_usage_errors_before_anything_starts(string option, string value)
    {
        var run = CliRun.Of("serve", option, value);
        run.ExitCode.Should().Be(ExitCodes.Usage, run.ToString());
        run.Error.Should().Contain(option);
    }

    [Fact]
    public void Serve_is_listed_with_its_defaults()
    {
        var help = CliRun.Of("help", "serve");
        help.Out.Should().Contain(ServeCommand.DefaultSocket).And.Contain("/etc/dockerguard/policies").And.Contain("/var/lib/dockerguard");
    }
}
