using DockerGuard.Policy.Catalog;
using DockerGuard.Policy.Files;

namespace DockerGuard.Policy.Tests.Files;

/// <summary>A parameter value a rule refuses at bind time is reported at its line, never a crash or a silent default.</summary>
public class ParameterValueErrorTests
{
    private static (RuleParameters? Parameters, Diagnostics Diagnostics) Read(string ruleId, string yaml)
    {
        var diagnostics = new Diagnostics();
        var source = new YamlSource("p.yaml", diagnostics);
        var root = YamlFile.Parse(yaml, "p.yaml", diagnostics)!;
        return (RuleParameterReader.Read(RuleCatalog.Find(ruleId)!.Info, source.Map(root, "parameters"), source), diagnostics);
    }

    [Fact]
    public void A_port_that_is_not_a_number_is_an_error_at_its_line()
    {
        var (p, d) = Read("host-ports", "allowedPorts: [\"8080\"]\n");
        p.Should().NotBeNull();
        d.All.Should().BeEmpty();

        (p, d) = Read("host-ports", "\nallowedPorts: [\"80x\"]\n");
        p.Should().BeNull();
        var error = d.Errors.Should().ContainSingle().Subject;
        error.Message.Should().Be("parameter 'allowedPorts' of rule 'host-ports': '80x' is not a port number (1-65535)");
        error.ToString().Should().Contain("p.yaml:2");
    }

    [Fact]
    public void A_relative_sensitive_path_is_an_error()
    {
        var (p, d) = Read("sensitive-host-mounts", "paths: [/etc, etc]\n");
        p.Should().BeNull();
        d.Errors.Should().ContainSingle().Which.Message.Should().Be("parameter 'paths' of rule 'sensitive-host-mounts': 'etc' is not an absolute host path");
    }
}
