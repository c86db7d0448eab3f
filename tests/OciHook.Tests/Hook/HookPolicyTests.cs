using DockerGuard.OciHook.Tests.Support;

namespace DockerGuard.OciHook.Tests.Hook;

/// <summary>The published hook enforces the policy directory its hooks.d entry names, and refuses to run on a broken one.</summary>
public sealed class HookPolicyTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("dg-hook-policy-").FullName;

    private string Policy(string yaml)
    {
        File.WriteAllText(Path.Combine(_dir, "policy.yaml"), yaml);
        return $"DOCKERGUARD_POLICY={_dir}";
    }

    private const string OnlyPrivileged = """
        apiVersion: dockerguard.io/v1
        kind: Policy
        metadata:
          name: only-privileged
        spec:
          defaults: none
          rules:
            privileged: {action: deny}
        """;

    [Fact]
    public async Task The_installed_policy_decides_not_the_catalogue()
    {
        var policy = Policy(OnlyPrivileged);
        using var netHost = Bundle.FromFixture("podman-net-host");
        (await HookExecutableTests.Invoke(netHost.State())).ExitCode.Should().Be(1, "the catalogue denies host networking");
        (await HookExecutableTests.Invoke(netHost.State(), policy)).Should().Be(new RunResult(0, "", ""));

        using var privileged = Bundle.FromFixture("podman-privileged");
        var r = await HookExecutableTests.Invoke(privileged.State(), policy);
        r.ExitCode.Should().Be(1);
        r.Stderr.Should().StartWith("dockerguard: denied 0123456789ab: privileged: ").And.NotContain("capabilities:");
    }

    [Fact]
    public async Task A_policy_that_does_not_compile_fails_closed_with_its_location()
    {
        var policy = Policy(OnlyPrivileged.Replace("privileged: {action: deny}", "privilegd: {action: deny}"));
        using var bundle = Bundle.FromFixture("podman-default");
        var r = await HookExecutableTests.Invoke(bundle.State(), policy, "DOCKERGUARD_ON_ERROR=allow");
        r.ExitCode.Should().Be(1);
        r.Stderr.Should().StartWith($"dockerguard: error -: DOCKERGUARD_POLICY={_dir} does not compile: {Path.Combine(_dir, "policy.yaml")}:8:");
        r.Stderr.Count(c => c == '\n').Should().Be(1);
    }

    [Fact]
    public async Task A_missing_policy_directory_fails_closed()
    {
        using var bundle = Bundle.FromFixture("podman-default");
        var r = await HookExecutableTests.Invoke(bundle.State(), $"DOCKERGUARD_POLICY={_dir}/nowhere");
        r.ExitCode.Should().Be(1);
        r.Stderr.Should().Contain("policy directory does not exist");
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
