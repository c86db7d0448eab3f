using System.Text.Json;

namespace DockerGuard.Cli.Tests;

/// <summary><c>policy lint</c> and <c>policy test</c> on real files: exit codes for CI, and messages that point at the line.</summary>
public sealed class PolicyCommandsTests : IDisposable
{
    private const string Policy = "apiVersion: dockerguard.io/v1\nkind: Policy\nmetadata: {name: p}\nspec:\n  rules: {privileged: deny, host-network: warn}\n";
    private readonly TempTree _tree = new();

    public void Dispose() => _tree.Dispose();

    private static string Test(string cases) => "apiVersion: dockerguard.io/v1\nkind: PolicyTest\nmetadata: {name: t}\nspec:\n  cases:\n" + cases;

    private const string PrivilegedCase = """
            - name: privileged is denied
              input: {model: {surface: docker, operation: create, containers: [{name: c, privileged: true}]}}
              expect: {decision: deny, violations: [privileged]}

        """;

    [Fact]
    public void Lint_reports_each_error_at_file_line_column_and_exits_1()
    {
        var file = _tree.Write("p.yaml", Policy.Replace("warn", "wran", StringComparison.Ordinal));
        var run = CliRun.Of("policy", "lint", _tree.Path);
        run.ExitCode.Should().Be(ExitCodes.Failed);
        run.Error.Should().Contain($"{file}:5:43: spec.rules.host-network must be one of deny, warn, audit, off, found the string 'wran'");
        run.Out.Should().Contain("1 error(s)");
    }

    [Fact]
    public void Lint_json_lists_the_diagnostics()
    {
        _tree.Write("p.yaml", Policy.Replace("privileged", "privilegd", StringComparison.Ordinal));
        var run = CliRun.Of("policy", "lint", _tree.Path, "--output", "json");
        run.ExitCode.Should().Be(ExitCodes.Failed);
        using var json = JsonDocument.Parse(run.Out);
        json.RootElement.GetProperty("ok").GetBoolean().Should().BeFalse();
        var d = json.RootElement.GetProperty("diagnostics")[0];
        d.GetProperty("line").GetInt32().Should().Be(5);
        d.GetProperty("hint").GetString().Should().Contain("did you mean 'privileged'?");
    }

    [Fact]
    public void Lint_warns_about_an_expired_exception_without_failing()
    {
        _tree.Write("p.yaml", Policy + "  exceptions:\n    - {name: old, rules: [privileged], match: {namespaces: [ci]}, reason: r, owner: o, expires: 2020-01-01}\n");
        var run = CliRun.Of("policy", "lint", _tree.Path);
        run.ExitCode.Should().Be(ExitCodes.Ok, run.ToString());
        run.Out.Should().Contain(":7:7: warning: exception 'old' of policy 'p' expired on 2020-01-01").And.Contain("1 warning(s)");
    }

    [Fact]
    public void Missing_directory_exits_3()
    {
        CliRun.Of("policy", "lint", Path.Combine(_tree.Path, "nope")).ExitCode.Should().Be(ExitCodes.BadInput);
        CliRun.Of("policy", "test", Path.Combine(_tree.Path, "nope")).ExitCode.Should().Be(ExitCodes.BadInput);
    }

    [Fact]
    public void Passing_tests_exit_0()
    {
        _tree.Write("p.yaml", Policy);
        _tree.Write("tests/t.yaml", Test(PrivilegedCase));
        var run = CliRun.Of("policy", "test", _tree.Path, "--verbose");
        run.ExitCode.Should().Be(ExitCodes.Ok, run.ToString());
        run.Out.Should().Contain("ok    privileged is denied").And.Contain("policy test: 1 passed, 0 failed");
    }

    [Fact]
    public void A_failing_case_exits_1_and_shows_expected_actual_and_where()
    {
        _tree.Write("p.yaml", Policy);
        var file = _tree.Write("tests/t.yaml", Test(PrivilegedCase + """
                - name: host network is only a warning
                  input: {model: {surface: docker, operation: create, sandbox: {namespaces: {network: host}}, containers: [{name: c}]}}
                  expect: {decision: deny, violations: [host-network, privileged]}

            """));
        var run = CliRun.Of("policy", "test", _tree.Path);
        run.ExitCode.Should().Be(ExitCodes.Failed, run.ToString());
        run.Out.Should().Contain($"FAIL  host network is only a warning  ({file}:9)")
            .And.Contain("decision: expected deny, got warn")
            .And.Contain("violations: expected but not reported: privileged")
            .And.Contain("warn: host-network (CIS 5.9): host network namespace at model.sandbox.namespaces.network")
            .And.Contain("policy test: 1 passed, 1 failed");
    }

    [Fact]
    public void Json_output_carries_every_case()
    {
        _tree.Write("p.yaml", Policy);
        _tree.Write("tests/t.yaml", Test(PrivilegedCase));
        using var json = JsonDocument.Parse(CliRun.Of("policy", "test", _tree.Path, "--output", "json").Out);
        json.RootElement.GetProperty("passed").GetInt32().Should().Be(1);
        var set = json.RootElement.GetProperty("policySets")[0];
        set.GetProperty("version").GetString().Should().MatchRegex("^sha256:[0-9a-f]{64}$");
        set.GetProperty("cases")[0].GetProperty("actualViolations")[0].GetString().Should().Be("privileged");
        set.GetProperty("rulesWithoutAllowCase").GetArrayLength().Should().Be(2);
    }

    [Fact]
    public void Require_coverage_fails_naming_each_rule_without_a_violating_or_a_passing_case()
    {
        _tree.Write("p.yaml", Policy);
        _tree.Write("tests/t.yaml", Test(PrivilegedCase));
        CliRun.Of("policy", "test", _tree.Path).ExitCode.Should().Be(ExitCodes.Ok, "without the flag a gap is only reported");

        var run = CliRun.Of("policy", "test", _tree.Path, "--require-coverage");

        run.ExitCode.Should().Be(ExitCodes.Failed, run.ToString());
        run.Error.Should().Contain($"{_tree.Path}: rule host-network: no violating case and no passing case listing it under covers:")
            .And.Contain($"{_tree.Path}: rule privileged: no passing case listing it under covers:")
            .And.Contain("policy test: --require-coverage: 2 enabled rule(s) not covered");
        using var json = JsonDocument.Parse(CliRun.Of("policy", "test", _tree.Path, "--require-coverage", "--output", "json").Out);
        json.RootElement.GetProperty("ok").GetBoolean().Should().BeFalse();
        json.RootElement.GetProperty("coverageRequired").GetBoolean().Should().BeTrue();
    }

    [Fact]
    public void Require_coverage_passes_when_every_enabled_rule_has_both_cases()
    {
        _tree.Write("p.yaml", Policy);
        _tree.Write("tests/t.yaml", Test(PrivilegedCase + """
                - name: host network is a warning
                  input: {model: {surface: docker, operation: create, sandbox: {namespaces: {network: host}}, containers: [{name: c}]}}
                  expect: {decision: warn, violations: [host-network]}
                - name: a plain container passes both
                  input: {model: {surface: docker, operation: create, containers: [{name: c}]}}
                  expect: {decision: allow}
                  covers: [privileged, host-network]

            """));

        var run = CliRun.Of("policy", "test", _tree.Path, "--require-coverage");

        run.ExitCode.Should().Be(ExitCodes.Ok, run.ToString());
        run.Out.Should().Contain("coverage: every enabled rule has a violating case and a passing (covers:) case");
        run.Error.Should().BeEmpty();
    }

    [Theory]
    [InlineData("input: {model: {surface: docker, operation: create, containers: [{name: c, privilegd: true}]}}", "unknown key 'privilegd' in model.containers[0]; did you mean 'privileged'?")]
    [InlineData("input: {model: {surface: podman, operation: create}}", "model.surface must be one of docker, kubernetes, oci, found the string 'podman'")]
    [InlineData("input: {model: {surface: docker, operation: create, sandbox: {namespaces: {pid: hots}}}}", "model.sandbox.namespaces.pid must be private, host, host-by-default or container:<name>, found 'hots'")]
    [InlineData("input: {model: {surface: docker, operation: create, containers: [{name: c, limits: {memory: 64m}}]}}", "model.containers[0].limits.memory must be an integer, found the string '64m'")]
    [InlineData("input: {podman: {}}", "unknown input kind 'podman'; known kinds: model, docker, kubernetes, oci")]
    [InlineData("input: {docker: {}}", "has no RequestUri, so it is not an AuthZReq")]
    [InlineData("input: {model: {operation: create}}", "model needs 'surface'")]
    public void A_bad_input_is_an_error_at_its_line_and_exits_3(string input, string message)
    {
        _tree.Write("p.yaml", Policy);
        var file = _tree.Write("tests/t.yaml", Test($"    - name: bad\n      {input}\n      expect: {{decision: allow}}\n"));
        var run = CliRun.Of("policy", "test", _tree.Path);
        run.ExitCode.Should().Be(ExitCodes.BadInput, run.ToString());
        run.Error.Should().Contain($"{file}:7:").And.Contain(message);
    }

    [Fact]
    public void An_unknown_rule_in_an_expectation_is_an_error()
    {
        _tree.Write("p.yaml", Policy);
        _tree.Write("tests/t.yaml", Test("    - name: x\n      input: {model: {surface: docker, operation: create}}\n      expect: {decision: deny, violations: [privleged]}\n"));
        CliRun.Of("policy", "test", _tree.Path).Error.Should().Contain("unknown rule 'privleged'; did you mean 'privileged'?");
    }

    [Fact]
    public void Tests_without_policies_beside_them_are_an_error()
    {
        _tree.Write("tests/t.yaml", Test(PrivilegedCase));
        CliRun.Of("policy", "lint", _tree.Path).ExitCode.Should().Be(ExitCodes.Failed);
        CliRun.Of("policy", "test", _tree.Path).ExitCode.Should().Be(ExitCodes.BadInput);
    }
}
