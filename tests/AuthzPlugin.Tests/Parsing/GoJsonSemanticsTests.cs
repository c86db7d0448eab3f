using System.Text;
using DockerGuard.AuthzPlugin.Json;
using DockerGuard.AuthzPlugin.Tests.Support;
using DockerGuard.Policy.Model;

namespace DockerGuard.AuthzPlugin.Tests.Parsing;

/// <summary>Reference §7 "JSON bodies": the body is read exactly as Go's encoding/json reads it, or refused.</summary>
public class GoJsonSemanticsTests
{
    private static Container Only(WorkloadRequest r) => r.Containers.Single();

    [Fact]
    public void Field_names_match_case_insensitively_like_Go()
    {
        var r = FixtureTranslation.Create("""{"image":"bb","hostconfig":{"PRIVILEGED":true,"networkmode":"host"}}""");
        Only(r).Privileged.Should().Be(Field.Of(true, "HostConfig.Privileged"));
        r.Sandbox.Namespaces.Network.IsHost.Should().BeTrue();
    }

    [Fact]
    public void Escaped_characters_in_keys_are_decoded_before_matching()
    {
        var r = FixtureTranslation.Create("""{"Image":"bb","HostConfig":{"Privil\u0065ged":true}}""");
        Only(r).Privileged!.Value.Value.Should().BeTrue();
    }

    [Theory]
    [InlineData("\u017FecurityOpt", "HostConfig.SecurityOpt")]   // LONG S folds to S in Go
    [InlineData("Bind\u017F", "HostConfig.Binds")]
    [InlineData("Ma\u017FkedPaths", "HostConfig.MaskedPaths")]
    [InlineData("Network\u212Aode", null)]                      // KELVIN SIGN folds to k, but NetworkMode has an M: no match, ignored by Go too
    public void Keys_that_fold_onto_a_field_only_through_Unicode_are_refused(string key, string? field)
    {
        var body = "{\"Image\":\"bb\",\"HostConfig\":{\"" + key + "\":[\"seccomp=unconfined\"]}}";
        var act = () => FixtureTranslation.Create(body);
        if (field is null) act.Should().NotThrow();
        else act.Should().Throw<BodyRejectedException>().Which.FieldPath.Should().Be(field);
    }

    [Fact]
    public void Kelvin_sign_folds_onto_k()
    {
        GoFold.Matches("\u212Aernel", "Kernel").Should().BeTrue();
        GoFold.Matches("\u212Aernel", "kernel").Should().BeTrue();
        GoFold.Matches("\u017Fysctls", "Sysctls").Should().BeTrue();
        "\u212Aernel".Equals("Kernel", StringComparison.OrdinalIgnoreCase).Should().BeFalse("this is the .NET behaviour the Go reader exists to correct");
    }

    [Theory]
    [InlineData("""{"Image":"bb","HostConfig":{"Privileged":false,"privileged":true}}""", "HostConfig.Privileged")]
    [InlineData("""{"Image":"bb","HostConfig":{"Privileged":false,"Privileged":true}}""", "")]
    [InlineData("""{"Image":"bb","HostConfig":{"Privileged":true},"hostConfig":{}}""", "HostConfig")]
    [InlineData("""{"Image":"bb","HostConfig":{"Sysctls":{"a":"1","a":"2"}}}""", "")]
    public void Duplicate_keys_are_refused(string body, string field)
    {
        var act = () => FixtureTranslation.Create(body);
        act.Should().Throw<BodyRejectedException>().Which.FieldPath.Should().Be(field);
    }

    [Theory]
    [InlineData("""{"Image":"bb"}{"Image":"bb","HostConfig":{"Privileged":true}}""")]
    [InlineData("""{"Image":"bb"} x""")]
    [InlineData("""{"Image":"bb"}]""")]
    public void Data_after_the_value_is_refused(string body)
    {
        var act = () => GoJsonParser.Parse(Encoding.UTF8.GetBytes(body));
        act.Should().Throw<BodyRejectedException>();
    }

    [Fact]
    public void Trailing_whitespace_is_fine()
    {
        GoJsonParser.Parse("{\"Image\":\"bb\"}\n \t\r\n"u8).Kind.Should().Be(JsonKind.Object);
    }

    [Fact]
    public void Invalid_utf8_is_refused()
    {
        var bytes = Encoding.UTF8.GetBytes("""{"Image":"bb","Labels":{"a":"X"}}""");
        bytes[Array.IndexOf(bytes, (byte)'X')] = 0xff;
        var act = () => GoJsonParser.Parse(bytes);
        act.Should().Throw<BodyRejectedException>().WithMessage("*UTF-8*");
    }

    [Theory]
    [InlineData("""{"Image":"bb","HostConfig":{"Privileged":"true"}}""", "HostConfig.Privileged")]
    [InlineData("""{"Image":"bb","HostConfig":{"Privileged":1}}""", "HostConfig.Privileged")]
    [InlineData("""{"Image":"bb","HostConfig":{"Memory":1.5}}""", "HostConfig.Memory")]
    [InlineData("""{"Image":"bb","HostConfig":{"Memory":1e9}}""", "HostConfig.Memory")]
    [InlineData("""{"Image":"bb","HostConfig":{"Binds":"/:/host"}}""", "HostConfig.Binds")]
    [InlineData("""{"Image":"bb","HostConfig":[]}""", "HostConfig")]
    public void Type_mismatches_are_refused(string body, string field)
    {
        var act = () => FixtureTranslation.Create(body);
        act.Should().Throw<BodyRejectedException>().Which.FieldPath.Should().Be(field);
    }

    [Fact]
    public void Null_leaves_a_field_unset_as_in_Go()
    {
        var r = FixtureTranslation.Create("""{"Image":"bb","HostConfig":{"Privileged":null,"Binds":null,"NetworkMode":null}}""");
        Only(r).Privileged!.Value.Value.Should().BeFalse();
        r.Sandbox.Namespaces.Network.IsHost.Should().BeFalse();
    }

    [Fact]
    public void Map_keys_stay_exact()
    {
        var r = FixtureTranslation.Create("""{"Image":"bb","Labels":{"Team":"a","team":"b"},"HostConfig":{"Sysctls":{"Net.Ipv4.Ip_forward":"1"}}}""");
        r.Resource.Labels.Should().Contain("Team", "a").And.Contain("team", "b");
        r.Sandbox.Sysctls.Single().Name.Should().Be("Net.Ipv4.Ip_forward");
        r.Sandbox.Sysctls.Single().Path.Should().Be("HostConfig.Sysctls[Net.Ipv4.Ip_forward]");
    }

    [Theory]
    [InlineData("Privileged")]
    [InlineData("privileged")]
    [InlineData("Binds")]
    [InlineData("NetworkMode")]
    [InlineData("CapAdd")]
    [InlineData("Cpuset")]
    public void Legacy_top_level_HostConfig_fields_are_refused(string field)
    {
        var act = () => FixtureTranslation.Create("{\"Image\":\"bb\",\"" + field + "\":true}");
        act.Should().Throw<BodyRejectedException>().WithMessage("*legacy HostConfig*");
    }
}
