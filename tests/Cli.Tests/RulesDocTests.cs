using DockerGuard.Cli.Output;
using DockerGuard.Policy.Catalog;

namespace DockerGuard.Cli.Tests;

/// <summary>docs/rules.md is generated from the catalogue; CI fails when someone changes a rule and forgets it.</summary>
public class RulesDocTests
{
    [Fact]
    public void Docs_rules_md_is_up_to_date()
    {
        var path = Repository.PathOf("docs/rules.md");
        var expected = RulesMarkdown.Render(RuleCatalog.All);
        var actual = File.Exists(path) ? File.ReadAllText(path) : "";
        (actual == expected).Should().BeTrue($"docs/rules.md is stale; regenerate it with: {RulesMarkdown.RegenerateCommand}");
    }

    [Fact]
    public void Rules_markdown_output_is_the_generated_document()
    {
        var run = CliRun.Of("rules", "--output", "markdown");
        run.ExitCode.Should().Be(ExitCodes.Ok);
        run.Out.Should().Be(RulesMarkdown.Render(RuleCatalog.All));
        run.Out.Should().Contain("## privileged").And.Contain("| `allowed` | list of strings |");
    }
}
