using System.Collections.Immutable;
using DockerGuard.Policy.Catalog;

namespace DockerGuard.Policy.Tests.Rules.Support;

/// <summary>
/// A parameter value that would silently weaken a rule (a relative path never matches, a port that
/// is not a number) is refused at bind time, naming the parameter, so the policy loader can point
/// at it. Never a silent default.
/// </summary>
public class ParameterValidationTests
{
    [Theory]
    [InlineData("sensitive-host-mounts", "paths", "etc")]
    [InlineData("sensitive-host-mounts", "paths", "")]
    [InlineData("sensitive-host-mounts", "allowedPaths", "etc/localtime")]
    [InlineData("docker-socket-mount", "sockets", "var/run/docker.sock")]
    [InlineData("host-devices", "allowedDevices", "dev/fuse")]
    [InlineData("host-ports", "allowedPorts", "80x")]
    [InlineData("host-ports", "allowedPorts", "0")]
    [InlineData("host-ports", "allowedPorts", "65536")]
    [InlineData("host-ports", "allowedPorts", "-1")]
    [InlineData("host-ports", "allowedPorts", " 80")]
    public void Bad_value_is_refused_naming_the_parameter(string ruleId, string parameter, string value)
    {
        var rule = RuleCatalog.Find(ruleId)!;
        var parameters = new RuleParameters(rule.Info.Parameters,
            ImmutableDictionary<string, object>.Empty.Add(parameter, ImmutableArray.Create(value)));
        var bind = () => rule.Bind(parameters);
        bind.Should().Throw<ParameterValueException>().Where(e => e.ParamName == parameter && e.Message.Contains($"'{value}'"));
    }

    [Fact]
    public void Defaults_bind()
    {
        foreach (var rule in RuleCatalog.All)
            rule.Invoking(r => r.BindDefaults()).Should().NotThrow(rule.Info.Id);
    }
}
