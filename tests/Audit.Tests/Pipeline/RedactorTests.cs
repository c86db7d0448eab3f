using DockerGuard.Audit.Records;

namespace DockerGuard.Audit.Tests.Pipeline;

public sealed class RedactorTests
{
    [Theory]
    [InlineData("env SECRET_TOKEN=hunter2 set", "env SECRET_TOKEN=[REDACTED] set")]
    [InlineData("DB_PASSWORD: hunter2", "DB_PASSWORD: [REDACTED]")]
    [InlineData("{\"apiKey\":\"hunter2\"}", "{\"apiKey\":\"[REDACTED]\"}")]
    [InlineData("X-Registry-Auth: eyJ1c2VybmFtZSI6ImEifQ==", "X-Registry-Auth: [REDACTED]")]
    [InlineData("Authorization: Bearer abc.def.ghi", "Authorization: [REDACTED]")]
    [InlineData("pull https://bob:hunter2@registry.local/app", "pull https://[REDACTED]@registry.local/app")]
    [InlineData("aws_secret_access_key=hunter2,region=eu", "aws_secret_access_key=[REDACTED],region=eu")]
    public void Credential_values_are_masked(string input, string expected) => Redactor.Text(input).Should().Be(expected);

    [Theory]
    [InlineData("privileged container")]
    [InlineData("HostConfig.Privileged=true")]
    [InlineData("bind mount /var/run/docker.sock:/var/run/docker.sock")]
    [InlineData("user=root uid=0")]
    public void Ordinary_details_stay_readable(string input) => Redactor.Text(input).Should().Be(input);

    [Fact]
    public void Exec_commands_lose_secret_flag_values()
    {
        Redactor.Command(["mysql", "--password", "hunter2", "-u", "root"]).Should().Equal("mysql", "--password", Redactor.Mask, "-u", "root");
        Redactor.Command(["app", "--api-token=hunter2", "TOKEN=hunter2", "--verbose"]).Should().Equal("app", "--api-token=[REDACTED]", "TOKEN=[REDACTED]", "--verbose");
    }

    [Fact]
    public void Route_query_values_are_dropped()
    {
        Redactor.Route("POST /v1.41/containers/create?name=web&token=abc").Should().Be("POST /v1.41/containers/create?name=[REDACTED]&token=[REDACTED]");
        Redactor.Route("GET /v1.41/containers/json").Should().Be("GET /v1.41/containers/json");
    }
}
