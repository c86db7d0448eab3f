using DockerGuard.AuthzPlugin.Routing;

namespace DockerGuard.AuthzPlugin.Tests.Parsing;

/// <summary>Reference §7 "Request URI": Go url.ParseRequestURI, mux's decoded path, version prefix, Go query rules.</summary>
public class RequestTargetTests
{
    [Theory]
    [InlineData("/v1.41/containers/create?name=x", "/containers/create", "1.41")]
    [InlineData("/containers/create", "/containers/create", null)]
    [InlineData("/v1/containers/create", "/containers/create", "1")]
    [InlineData("/v1.2.3/containers/create", "/containers/create", "1.2.3")]
    [InlineData("/v1.41/containers%2Fcreate", "/containers/create", "1.41")]
    [InlineData("/v1.41/%63ontainers/create", "/containers/create", "1.41")]
    [InlineData("%2Fv1.41/containers/create", null, null)]
    [InlineData("http://docker/v1.41/containers/create?name=x", "/containers/create", "1.41")]
    [InlineData("unix://x/containers/create", "/containers/create", null)]
    [InlineData("/vx/containers/create", "/vx/containers/create", null)]
    public void Path_is_decoded_and_unversioned(string uri, string? path, string? version)
    {
        if (path is null)
        {
            var act = () => RequestTarget.Parse(uri);
            act.Should().Throw<FormatException>();
            return;
        }
        var t = RequestTarget.Parse(uri);
        t.Path.Should().Be(path);
        t.ApiVersion.Should().Be(version);
        t.IsCanonical.Should().BeTrue();
    }

    [Theory]
    [InlineData("/v1.41//containers/create")]
    [InlineData("/v1.41/containers/./create")]
    [InlineData("/v1.41/x/../containers/create")]
    [InlineData("/v1.41/containers%2F%2Fcreate")]
    [InlineData("http://docker")]
    public void Non_canonical_paths_are_flagged(string uri) => RequestTarget.Parse(uri).IsCanonical.Should().BeFalse();

    [Theory]
    [InlineData("/v1.41/%zzcontainers/create")]
    [InlineData("containers/create")]
    [InlineData("mailto:x")]
    [InlineData("")]
    public void Unparsable_targets_are_errors(string uri)
    {
        var act = () => RequestTarget.Parse(uri);
        act.Should().Throw<FormatException>();
    }

    [Fact]
    public void Query_first_value_wins_plus_is_space_and_semicolon_pairs_are_dropped()
    {
        var t = RequestTarget.Parse("/plugins/pull?remote=a&remote=b&name=x+y&alias=1;2&alias=3");
        t.Query("remote").Should().Be("a");
        t.Query("name").Should().Be("x y");
        t.Query("alias").Should().Be("3");
    }

    [Theory]
    [InlineData("POST", "/containers/create", EngineRouteKind.ContainerCreate)]
    [InlineData("POST", "/Containers/create", EngineRouteKind.Other)]
    [InlineData("POST", "/containers/CREATE", EngineRouteKind.Other)]
    [InlineData("GET", "/containers/create", EngineRouteKind.Other)]
    [InlineData("POST", "/containers/a/b/exec", EngineRouteKind.ExecCreate)]
    [InlineData("POST", "/plugins/vieux/sshfs:latest/disable", EngineRouteKind.PluginDisable)]
    [InlineData("DELETE", "/plugins/dockerguard", EngineRouteKind.PluginRemove)]
    [InlineData("HEAD", "/_ping", EngineRouteKind.Ping)]
    [InlineData("POST", "/build", EngineRouteKind.BodyNeverForwarded)]
    [InlineData("POST", "/networks/create", EngineRouteKind.OtherWithBody)]
    public void Routes_match_case_sensitively(string method, string path, EngineRouteKind kind) =>
        EngineRouter.Classify(method, path).Kind.Should().Be(kind);
}
