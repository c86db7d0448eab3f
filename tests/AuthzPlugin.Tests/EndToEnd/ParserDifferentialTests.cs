using System.Text.Json;

namespace DockerGuard.AuthzPlugin.Tests.EndToEnd;

/// <summary>
/// Reference §7 and §9 against the real daemon (20.10, API 1.41): every request shape that could make
/// dockerd do something DockerGuard did not see is either denied by DockerGuard (403 naming the plugin)
/// or rejected by the daemon itself; in no case is a container created or started.
/// </summary>
[Collection(DockerDaemonCollection.Name)]
public sealed class ParserDifferentialTests(DockerDaemon docker) : IDisposable
{
    private readonly DaemonHttp _http = new(docker.DockerSocket);

    public void Dispose() => _http.Dispose();

    private async Task<int> ContainerCountAsync()
    {
        var (_, body) = await _http.SendAsync(HttpMethod.Get, "/v1.41/containers/json?all=1");
        return JsonDocument.Parse(body).RootElement.GetArrayLength();
    }

    private async Task ShouldBeDeniedAsync((int Status, string Body) response, string ruleOrReason)
    {
        response.Status.Should().Be(403, response.Body);
        response.Body.Should().Contain($"authorization denied by plugin {docker.PluginName}: ").And.Contain(ruleOrReason);
        await Task.CompletedTask;
    }

    public static TheoryData<string, string, string> DeniedCreates() => new()
    {
        { "case-folded keys", """{"image":"bb:latest","hostconfig":{"PRIVILEGED":true}}""", "privileged (CIS 5.4)" },
        { "escaped key", """{"Image":"bb:latest","HostConfig":{"Privil\u0065ged":true}}""", "privileged (CIS 5.4)" },
        { "LONG S folding onto SecurityOpt", "{\"Image\":\"bb:latest\",\"HostConfig\":{\"\u017FecurityOpt\":[\"label=disable\"]}}", "request-integrity" },
        { "KELVIN SIGN folding onto a Sysctls-free field", "{\"Image\":\"bb:latest\",\"HostConfig\":{\"Bind\u017F\":[\"/:/host\"]}}", "request-integrity" },
        { "duplicate keys after folding", """{"Image":"bb:latest","HostConfig":{"Privileged":false,"privileged":true}}""", "given twice" },
        { "duplicate exact keys", """{"Image":"bb:latest","HostConfig":{"Privileged":false,"Privileged":true}}""", "duplicate key" },
        { "trailing data (20.10 ignores it)", """{"Image":"bb:latest"}{"HostConfig":{"Privileged":true}}""", "data after its JSON value" },
        { "legacy top-level HostConfig field", """{"Image":"bb:latest","Privileged":true}""", "legacy HostConfig" },
        { "type mismatch", """{"Image":"bb:latest","HostConfig":{"Privileged":"true"}}""", "must be a boolean" },
    };

    [Theory]
    [MemberData(nameof(DeniedCreates))]
    public async Task Create_bodies_read_differently_by_a_naive_parser_are_denied(string name, string body, string reason)
    {
        _ = name;
        var before = await ContainerCountAsync();
        await ShouldBeDeniedAsync(await _http.SendAsync(HttpMethod.Post, "/v1.41/containers/create", body), reason);
        (await ContainerCountAsync()).Should().Be(before);
    }

    [Theory]
    [InlineData("/v1.41/containers/create")]
    [InlineData("/containers/create")]
    [InlineData("/v1.24/containers/create")]
    [InlineData("/v1.41/containers%2Fcreate")]
    [InlineData("/v1.41/%63ontainers/create")]
    [InlineData("/v1.41/containers/create?name=a&name=b")]
    public async Task Every_spelling_of_the_create_path_is_judged(string uri)
    {
        var before = await ContainerCountAsync();
        await ShouldBeDeniedAsync(await _http.SendAsync(HttpMethod.Post, uri, """{"Image":"bb:latest","HostConfig":{"Privileged":true}}"""), "privileged (CIS 5.4)");
        (await ContainerCountAsync()).Should().Be(before);
    }

    [Fact]
    public async Task Absolute_form_request_target_is_judged()
    {
        var before = await ContainerCountAsync();
        var response = await _http.RawAsync("POST http://docker/v1.41/containers/create HTTP/1.1\r\nHost: docker\r\nContent-Type: application/json\r\n",
            """{"Image":"bb:latest","HostConfig":{"Privileged":true}}""");
        await ShouldBeDeniedAsync(response, "privileged (CIS 5.4)");
        (await ContainerCountAsync()).Should().Be(before);
    }

    [Theory]
    [InlineData("/v1.41//containers/create", 301)]
    [InlineData("/v1.41/containers/./create", 301)]
    [InlineData("/v1.41/Containers/create", 404)]
    [InlineData("/V1.41/containers/create", 404)]
    public async Task Non_canonical_and_wrong_case_paths_never_execute(string uri, int status)
    {
        var before = await ContainerCountAsync();
        var response = await _http.SendAsync(HttpMethod.Post, uri, """{"Image":"bb:latest","HostConfig":{"Privileged":true}}""");
        response.Status.Should().BeOneOf(status, 403);
        (await ContainerCountAsync()).Should().Be(before);
    }

    [Theory]
    [InlineData("application/json; charset=utf-8")]  // the daemon accepts it; old daemons do not forward the body
    [InlineData("text/plain")]
    [InlineData("Application/JSON")]
    public async Task Content_type_games_never_hide_the_body(string contentType)
    {
        var before = await ContainerCountAsync();
        var response = await _http.SendAsync(HttpMethod.Post, "/v1.41/containers/create", """{"Image":"bb:latest","HostConfig":{"Privileged":true}}""", contentType);
        response.Status.Should().NotBe(201, response.Body);
        if (response.Status == 403) response.Body.Should().Contain(docker.PluginName);
        (await ContainerCountAsync()).Should().Be(before);
    }

    [Fact]
    public async Task Chunked_create_body_is_denied()
    {
        var before = await ContainerCountAsync();
        var response = await _http.SendAsync(HttpMethod.Post, "/v1.41/containers/create", """{"Image":"bb:latest","HostConfig":{"Privileged":true}}""", chunked: true);
        response.Status.Should().NotBe(201, response.Body);
        (await ContainerCountAsync()).Should().Be(before);
    }

    [Fact]
    public async Task Legacy_start_with_HostConfig_is_denied_and_the_container_stays_unprivileged()
    {
        var (status, body) = await _http.SendAsync(HttpMethod.Post, "/v1.41/containers/create", """{"Image":"bb:latest","User":"1000","Cmd":["sleep","30"]}""");
        status.Should().Be(201, body);
        var id = JsonDocument.Parse(body).RootElement.GetProperty("Id").GetString()!;
        try
        {
            await ShouldBeDeniedAsync(await _http.SendAsync(HttpMethod.Post, $"/v1.23/containers/{id}/start", """{"Privileged":true,"NetworkMode":"host"}"""), "HostConfig body");
            var chunked = await _http.SendAsync(HttpMethod.Post, $"/v1.23/containers/{id}/start", """{"Privileged":true}""", chunked: true);
            chunked.Status.Should().Be(403, chunked.Body);
            var inspect = JsonDocument.Parse((await _http.SendAsync(HttpMethod.Get, $"/v1.41/containers/{id}/json")).Body).RootElement;
            inspect.GetProperty("State").GetProperty("Running").GetBoolean().Should().BeFalse();
            inspect.GetProperty("HostConfig").GetProperty("Privileged").GetBoolean().Should().BeFalse();
            // A plain start (Content-Length: 0) is fine.
            (await _http.SendAsync(HttpMethod.Post, $"/v1.41/containers/{id}/start", "")).Status.Should().Be(204);
        }
        finally
        {
            await _http.SendAsync(HttpMethod.Delete, $"/v1.41/containers/{id}?force=1");
        }
    }
}
