using DockerGuard.Policy.Catalog;
using DockerGuard.Policy.Files;

namespace DockerGuard.Policy.Tests.Files;

/// <summary>Every mistake in a policy file is an error at its line and column that says what to do; nothing is defaulted silently.</summary>
public class PolicyFileParserTests
{
    private const string Header = "apiVersion: dockerguard.io/v1\nkind: Policy\nmetadata:\n  name: p\nspec:\n";

    private static Diagnostic SingleError(string text)
    {
        var errors = PolicyYaml.Errors(text);
        errors.Should().ContainSingle($"exactly one mistake was made, got: {string.Join(" | ", errors)}");
        return errors[0];
    }

    [Fact]
    public void A_valid_policy_loads_with_actions_parameters_scope_and_exceptions()
    {
        var (doc, diagnostics) = PolicyYaml.Parse(Header + """
              scope:
                surfaces: [docker, kubernetes]
                namespaces: ["team-*"]
              rules:
                privileged: {action: deny}
                host-network:
                  action: warn
                  parameters: {denyContainerSharing: true}
              exceptions:
                - name: ci-runners
                  rules: [privileged]
                  match: {namespaces: [ci], labels: {app: runner}}
                  reason: docker-in-docker builds
                  owner: platform-team
                  expires: 2099-01-31
            """);
        diagnostics.All.Should().BeEmpty();
        doc!.Name.Should().Be("p");
        doc.Scope.Surfaces.Should().Equal(Model.Surface.Docker, Model.Surface.Kubernetes);
        doc.Scope.Namespaces.Should().Equal("team-*");
        doc.Rules.Select(r => (r.Rule.Info.Id, r.Action)).Should().Equal(("host-network", RuleAction.Warn), ("privileged", RuleAction.Deny));
        doc.Rules[0].Parameters.GetBool("denyContainerSharing").Should().BeTrue();
        var ex = doc.Exceptions.Should().ContainSingle().Subject;
        ex.Labels.Should().Contain("app", "runner");
        ex.Expires.Should().Be(new DateOnly(2099, 1, 31));
    }

    [Fact]
    public void Unknown_key_points_at_the_key_and_suggests_the_right_one()
    {
        var e = SingleError(Header + "  scope:\n    namspaces: [a]\n  rules: {privileged: deny}\n");
        e.ToString().Should().Be("test.yaml:7:5: unknown key 'namspaces' in spec.scope; did you mean 'namespaces'? known keys: surfaces, namespaces, images, users");
    }

    [Fact]
    public void Unknown_top_level_key_is_an_error()
    {
        var e = SingleError(Header + "  rules: {privileged: deny}\nstatus: {}\n");
        e.Line.Should().Be(7);
        e.Message.Should().Be("unknown top-level key 'status'");
    }

    [Fact]
    public void Unknown_rule_id_suggests_the_closest_rule()
    {
        var e = SingleError(Header + "  rules:\n    privileged: deny\n    host-netwrk: deny\n");
        e.ToString().Should().Be("test.yaml:8:5: unknown rule 'host-netwrk'; did you mean 'host-network'? 'dockerguard rules' lists every rule");
    }

    [Theory]
    [InlineData("action: block", "spec.rules.privileged.action must be one of deny, warn, audit, off, found the string 'block'")]
    [InlineData("action: Deny", "spec.rules.privileged.action must be one of deny, warn, audit, off, found the string 'Deny'")]
    [InlineData("parameters: {}", "spec.rules.privileged needs 'action'")]
    public void Bad_or_missing_action_is_an_error(string body, string message)
    {
        var e = SingleError(Header + $"  rules:\n    privileged: {{{body}}}\n");
        e.Line.Should().Be(7);
        e.Message.Should().Be(message);
    }

    [Fact]
    public void Shorthand_action_with_a_typo_is_an_error()
    {
        SingleError(Header + "  rules:\n    privileged: dney\n").ToString()
            .Should().Be("test.yaml:7:17: spec.rules.privileged must be one of deny, warn, audit, off, found the string 'dney'");
    }

    [Fact]
    public void Parameter_of_the_wrong_type_is_an_error_with_the_expected_type()
    {
        var e = SingleError(Header + "  rules:\n    host-network:\n      action: deny\n      parameters:\n        denyContainerSharing: \"true\"\n");
        e.ToString().Should().Be("test.yaml:10:31: parameter 'denyContainerSharing' of rule 'host-network' must be a boolean, found the string 'true'; write true or false, unquoted");
    }

    [Fact]
    public void Unknown_parameter_lists_the_rules_parameters()
    {
        var e = SingleError(Header + "  rules:\n    host-network:\n      action: deny\n      parameters: {denyContainerShare: true}\n");
        e.Line.Should().Be(9);
        e.ToString().Should().Contain("rule 'host-network' has no parameter 'denyContainerShare'; did you mean 'denyContainerSharing'? it takes: denyContainerSharing (boolean)");
    }

    [Fact]
    public void A_rule_without_parameters_rejects_any()
    {
        SingleError(Header + "  rules:\n    privileged: {action: deny, parameters: {x: 1}}\n").ToString().Should().EndWith("it takes none");
    }

    [Theory]
    [InlineData("reason", "spec.exceptions[0] needs 'reason'")]
    [InlineData("owner", "spec.exceptions[0] needs 'owner'")]
    [InlineData("expires", "spec.exceptions[0] needs 'expires'")]
    [InlineData("match", "spec.exceptions[0] needs 'match'")]
    [InlineData("rules", "spec.exceptions[0] needs 'rules'")]
    [InlineData("name", "spec.exceptions[0] needs 'name'")]
    public void Exception_without_a_required_field_is_an_error(string missing, string message)
    {
        var fields = new Dictionary<string, string>
        {
            ["name"] = "x",
            ["rules"] = "[privileged]",
            ["match"] = "{namespaces: [ci]}",
            ["reason"] = "because",
            ["owner"] = "me",
            ["expires"] = "2099-01-01",
        };
        fields.Remove(missing);
        var body = string.Join("\n", fields.Select((kv, i) => (i == 0 ? "    - " : "      ") + $"{kv.Key}: {kv.Value}"));
        var e = SingleError(Header + "  rules: {privileged: deny}\n  exceptions:\n" + body + "\n");
        e.Line.Should().Be(8);
        e.Message.Should().Be(message);
    }

    [Theory]
    [InlineData("2026-02-30")]
    [InlineData("31.12.2026")]
    [InlineData("2026-1-5")]
    public void Bad_expiry_date_is_an_error(string date)
    {
        var e = SingleError(Header + $"  rules: {{privileged: deny}}\n  exceptions:\n    - {{name: x, rules: [privileged], match: {{images: [a]}}, reason: r, owner: o, expires: {date}}}\n");
        e.Message.Should().StartWith("spec.exceptions[0].expires must be a date");
        e.Hint.Should().Contain("YYYY-MM-DD");
    }

    [Fact]
    public void Exception_that_matches_everything_is_an_error()
    {
        SingleError(Header + "  rules: {privileged: deny}\n  exceptions:\n    - {name: x, rules: [privileged], match: {}, reason: r, owner: o, expires: 2099-01-01}\n")
            .Hint.Should().Contain("set its action to off");
    }

    [Fact]
    public void Exception_for_an_unknown_rule_is_an_error()
    {
        SingleError(Header + "  rules: {privileged: deny}\n  exceptions:\n    - {name: x, rules: [privilegd], match: {images: [a]}, reason: r, owner: o, expires: 2099-01-01}\n")
            .Message.Should().Be("unknown rule 'privilegd' in spec.exceptions[0].rules");
    }

    [Fact]
    public void Exception_for_a_rule_the_policy_does_not_run_is_a_warning()
    {
        var (doc, diagnostics) = PolicyYaml.Parse(Header + "  rules: {privileged: deny}\n  exceptions:\n    - {name: x, rules: [host-network], match: {images: [a]}, reason: r, owner: o, expires: 2099-01-01}\n");
        doc.Should().NotBeNull();
        diagnostics.Warnings.Should().ContainSingle().Which.Message.Should().Contain("does not run");
    }

    [Fact]
    public void Wrong_kind_and_api_version_are_errors()
    {
        var errors = PolicyYaml.Errors("apiVersion: dockerguard.io/v2\nkind: PolicyTest\nmetadata: {name: p}\nspec: {}\n");
        errors.Select(e => e.Message).Should().Equal(
            "apiVersion 'dockerguard.io/v2' is not supported",
            "kind 'PolicyTest' where a Policy was expected");
        errors[1].Hint.Should().Contain("tests/");
    }

    [Fact]
    public void Broken_yaml_and_duplicate_keys_are_errors_at_their_position()
    {
        PolicyYaml.Errors(Header + "  rules: {privileged: deny\n").Single().Message.Should().StartWith("not valid YAML");
        var dup = PolicyYaml.Errors(Header + "  rules:\n    privileged: deny\n    privileged: warn\n").Single();
        dup.Message.Should().StartWith("not valid YAML").And.Contain("Duplicate key");
        dup.Line.Should().Be(8);
    }

    [Fact]
    public void A_list_where_a_mapping_belongs_is_an_error()
    {
        SingleError(Header + "  rules: [privileged]\n").Message.Should().Be("spec.rules must be a mapping (key: value), found a list");
    }

    [Fact]
    public void A_scalar_where_a_list_belongs_is_an_error_with_the_list_syntax()
    {
        var e = SingleError(Header + "  scope: {namespaces: prod}\n  rules: {privileged: deny}\n");
        e.Message.Should().Be("spec.scope.namespaces must be a list of strings, found the string 'prod'");
        e.Hint.Should().Contain("[a, b]");
    }

    [Fact]
    public void Several_mistakes_are_all_reported_in_one_pass()
    {
        PolicyYaml.Errors(Header + "  scope: {surfaces: [docker, podman]}\n  rules:\n    privileged: maybe\n    nope: deny\n")
            .Select(e => e.Line).Should().Equal(6, 8, 9);
    }

    [Fact]
    public void Defaults_catalog_enables_unlisted_rules_at_their_default_and_none_does_not()
    {
        var (none, _) = PolicyYaml.Parse(Header + "  rules: {privileged: warn}\n");
        none!.EffectiveRules().Select(r => r.Rule.Info.Id).Should().Equal("privileged");
        var (catalog, _) = PolicyYaml.Parse(Header + "  defaults: catalog\n  rules: {privileged: warn}\n");
        catalog!.EffectiveRules().Should().HaveCount(RuleCatalog.Count);
        catalog.EffectiveRules().Single(r => r.Rule.Info.Id == "privileged").Action.Should().Be(RuleAction.Warn);
    }
}
