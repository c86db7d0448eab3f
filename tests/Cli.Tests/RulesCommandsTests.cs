using System.Text.Json;
using DockerGuard.Policy.Catalog;

namespace DockerGuard.Cli.Tests;

/// <summary><c>rules</c> and <c>explain</c>: every format, and a clear error for an unknown rule.</summary>
public class RulesCommandsTests
{
    [Fact]
    public void Rules_table_lists_every_rule()
    {
        var run = CliRun.Of("rules");
        run.ExitCode.Should().Be(ExitCodes.Ok);
        foreach (var r in RuleCatalog.All) run.Out.Should().Contain(r.Info.Id);
        run.Out.Should().Contain($"{RuleCatalog.Count} rules");
    }

    [Fact]
    public void Rules_json_carries_references_and_typed_parameter_defaults()
    {
        using var json = JsonDocument.Parse(CliRun.Of("rules", "--output", "json").Out);
        json.RootElement.GetArrayLength().Should().Be(RuleCatalog.Count);
        var network = json.RootElement.EnumerateArray().Single(r => r.GetProperty("id").GetString() == "host-network");
        network.GetProperty("references").GetProperty("cisV16").GetString().Should().Be("5.10");
        network.GetProperty("parameters")[0].GetProperty("default").ValueKind.Should().Be(JsonValueKind.False);
    }

    [Fact]
    public void Explain_shows_why_fix_references_and_the_policy_snippet()
    {
        var run = CliRun.Of("explain", "host-network");
        run.ExitCode.Should().Be(ExitCodes.Ok);
        run.Out.Should().Contain("Why:").And.Contain("CIS:        Docker Benchmark 5.9 (v1.2), 5.10 (v1.6)")
            .And.Contain("  host-network:\n    action: deny").And.Contain("denyContainerSharing: false");
    }

    [Fact]
    public void Explain_an_unknown_rule_suggests_the_closest_and_exits_2()
    {
        var run = CliRun.Of("explain", "privilegd");
        run.ExitCode.Should().Be(ExitCodes.Usage);
        run.Error.Should().Contain("no rule 'privilegd'; did you mean 'privileged'?");
    }

    [Fact]
    public void An_unsupported_output_format_is_a_usage_error()
    {
        CliRun.Of("rules", "--output", "xml").ExitCode.Should().Be(ExitCodes.Usage);
        CliRun.Of("policy", "test", ".", "--output", "markdown").ExitCode.Should().Be(ExitCodes.Usage);
    }
}
