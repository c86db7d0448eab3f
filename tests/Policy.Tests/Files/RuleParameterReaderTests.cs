using System.Collections.Immutable;
using DockerGuard.Policy.Catalog;
using DockerGuard.Policy.Files;

namespace DockerGuard.Policy.Tests.Files;

/// <summary>Each parameter type accepts exactly its YAML form: no coercion between int, string, list and bool.</summary>
public class RuleParameterReaderTests
{
    private static readonly RuleInfo Rule = new()
    {
        Id = "typed",
        Title = "t",
        Rationale = "r",
        Remediation = "f",
        Parameters =
        [
            ParameterSpec.Bool("flag", false, "a bool"),
            ParameterSpec.Int("limit", 5, "an int"),
            ParameterSpec.String("mode", "strict", "a string"),
            ParameterSpec.List("allowed", ["A"], "a list"),
        ],
    };

    private static (RuleParameters? Parameters, Diagnostics Diagnostics) Read(string yaml)
    {
        var diagnostics = new Diagnostics();
        var source = new YamlSource("p.yaml", diagnostics);
        var root = YamlFile.Parse(yaml, "p.yaml", diagnostics)!;
        return (RuleParameterReader.Read(Rule, source.Map(root, "parameters"), source), diagnostics);
    }

    [Fact]
    public void Values_of_the_right_type_are_read_and_the_rest_default()
    {
        var (p, d) = Read("flag: true\nallowed: [CHOWN, KILL]\n");
        d.All.Should().BeEmpty();
        p!.GetBool("flag").Should().BeTrue();
        p.GetList("allowed").Should().Equal("CHOWN", "KILL");
        p.GetInt("limit").Should().Be(5);
        p.GetString("mode").Should().Be("strict");
        p.Explicit.Keys.Should().BeEquivalentTo("flag", "allowed");
    }

    [Theory]
    [InlineData("flag: 1", "must be a boolean, found the integer 1")]
    [InlineData("flag: yes", "must be a boolean, found the string 'yes'")]
    [InlineData("limit: \"5\"", "must be an integer, found the string '5'")]
    [InlineData("limit: 5.5", "must be an integer, found the number 5.5")]
    [InlineData("limit: [5]", "must be an integer, found a list")]
    [InlineData("mode: 42", "must be a string, found the integer 42")]
    [InlineData("mode: true", "must be a string, found the boolean true")]
    [InlineData("allowed: CHOWN", "must be a list of strings, found the string 'CHOWN'")]
    [InlineData("allowed: [CHOWN, 7]", "must be a string, found the integer 7")]
    [InlineData("allowed: {a: b}", "must be a list of strings, found a mapping")]
    public void A_value_of_another_type_is_an_error_never_a_coercion(string yaml, string message)
    {
        var (p, d) = Read(yaml);
        p.Should().BeNull();
        d.Errors.Should().ContainSingle().Which.Message.Should().EndWith(message);
    }

    [Fact]
    public void Quoted_text_is_a_string_even_when_it_looks_like_a_number()
    {
        var (p, _) = Read("mode: \"42\"\n");
        p!.GetString("mode").Should().Be("42");
    }

    [Fact]
    public void An_empty_value_is_an_error_not_the_default()
    {
        var (p, d) = Read("limit:\n");
        p.Should().BeNull();
        d.Errors.Single().Message.Should().Be("parameter 'limit' of rule 'typed' has no value");
    }

    [Fact]
    public void Lists_are_immutable_arrays_as_rules_read_them()
    {
        var (p, _) = Read("allowed: []\n");
        p!.GetList("allowed").Should().BeEquivalentTo(ImmutableArray<string>.Empty);
    }
}
