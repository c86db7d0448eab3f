using DockerGuard.Audit.Query;
using DockerGuard.Policy.Catalog;
using DockerGuard.Policy.Evaluation;

namespace DockerGuard.AuthzPlugin.Tests.EndToEnd;

/// <summary>
/// The mission cases with the real docker CLI against the real (guarded) dockerd: each dangerous
/// request is refused with its rule id in the CLI's error; ordinary use keeps working.
/// <c>--userns host</c>: the test daemon runs without userns-remap, where the daemon accepts the flag
/// (it is then a no-op); DockerGuard denies what was asked for, as it must on a remapping daemon.
/// </summary>
[Collection(DockerDaemonCollection.Name)]
public sealed class MissionTests(DockerDaemon docker)
{
    public static TheoryData<string, string[]> RunCases()
    {
        var cases = new (string Rule, string[] Args)[]
        {
            ("privileged", ["--privileged"]),
            ("host-network", ["--network", "host"]),
            ("host-pid", ["--pid", "host"]),
            ("host-ipc", ["--ipc", "host"]),
            ("host-uts", ["--uts", "host"]),
            ("host-userns", ["--userns", "host"]),
            ("seccomp-unconfined", ["--security-opt", "seccomp=unconfined"]),
            ("apparmor-unconfined", ["--security-opt", "apparmor=unconfined"]),
            ("mount-propagation-shared", ["-v", "/tmp:/data:rshared"]),
            ("mount-propagation-shared", ["--mount", "type=bind,src=/tmp,dst=/data,bind-propagation=shared"]),
            ("docker-socket-mount", ["-v", "/var/run/docker.sock:/var/run/docker.sock"]),
        };
        var data = new TheoryData<string, string[]>();
        foreach (var (rule, args) in cases) data.Add(rule, args);
        return data;
    }

    [Theory]
    [MemberData(nameof(RunCases))]
    public async Task Dangerous_run_is_denied_with_its_rule(string rule, string[] args)
    {
        RuleCatalog.Find(rule).Should().NotBeNull($"the mission needs rule {rule}");
        var before = await docker.DockerAsync("ps", "-aq");
        var (exit, _, err) = await docker.DockerAsync(["run", "--rm", .. args, "bb:latest", "true"]);
        exit.Should().NotBe(0);
        err.Should().Contain($"authorization denied by plugin {docker.PluginName}: {rule}");
        (await docker.DockerAsync("ps", "-aq")).Out.Should().Be(before.Out, "nothing was created");
    }

    public static TheoryData<string, string[]> ExecCases()
    {
        var data = new TheoryData<string, string[]>();
        foreach (var (rule, args) in new (string, string[])[] { ("exec-privileged", ["--privileged"]), ("exec-user-root", ["--user", "root"]), ("exec-user-root", ["--user", "0"]) })
            data.Add(rule, args);
        return data;
    }

    [Theory]
    [MemberData(nameof(ExecCases))]
    public async Task Dangerous_exec_is_denied_with_its_rule(string rule, string[] args)
    {
        RuleCatalog.Find(rule).Should().NotBeNull($"the mission needs rule {rule}");
        var name = await RunningContainerAsync();
        var (exit, _, err) = await docker.DockerAsync(["exec", .. args, name, "true"]);
        exit.Should().NotBe(0);
        err.Should().Contain($"authorization denied by plugin {docker.PluginName}: {rule}");
    }

    [Fact]
    public async Task Exec_as_an_ordinary_user_runs()
    {
        var name = await RunningContainerAsync();
        var (exit, output, err) = await docker.DockerAsync("exec", "--user", "1000:1000", name, "id", "-u");
        exit.Should().Be(0, err);
        output.Should().Be("1000");
    }

    [Fact]
    public async Task Plain_run_is_allowed_and_runs()
    {
        var (exit, output, err) = await docker.DockerAsync("run", "--rm", "--user", "1000", "bb:latest", "echo", "hello from busybox");
        exit.Should().Be(0, err);
        output.Should().Be("hello from busybox");
    }

    [Fact]
    public async Task Ps_logs_and_rm_work()
    {
        var (exit, id, err) = await docker.DockerAsync("run", "-d", "--name", "logger", "--user", "1000", "bb:latest", "sh", "-c", "echo logged line");
        exit.Should().Be(0, err);
        (await docker.DockerAsync("wait", "logger")).Exit.Should().Be(0);
        (await docker.DockerAsync("ps", "-a", "--format", "{{.Names}}")).Out.Split('\n').Should().Contain("logger");
        (await docker.DockerAsync("logs", "logger")).Out.Should().Be("logged line");
        (await docker.DockerAsync("rm", "logger")).Exit.Should().Be(0);
        (await docker.DockerAsync("ps", "-a", "--format", "{{.Names}}")).Out.Split('\n').Should().NotContain("logger");
        var created = await docker.Audit.Store.QueryAsync(new AuditQuery());
        created.Should().Contain(r => r.CreatedContainerId == id && r.ResponseStatus == 201 && r.Name == "logger", "AuthZRes completed the create record with the new id");
    }

    [Fact]
    public async Task Warn_level_rule_lets_the_container_run_and_records_a_warning()
    {
        var original = docker.Policy.Current;
        var warnPlan = new CompiledPolicy(
            [.. original.Entries.Select(e => e.Info.Id == "privileged" ? e with { Action = RuleAction.Warn } : e)],
            new PolicyVersion("test-warn"), ["test-warn"]);
        docker.Policy.Swap(warnPlan);
        try
        {
            var (exit, output, err) = await docker.DockerAsync("run", "--rm", "--privileged", "--user", "1000", "bb:latest", "echo", "warned");
            exit.Should().Be(0, err);
            output.Should().Be("warned");
        }
        finally
        {
            docker.Policy.Swap(original);
        }
        var warned = await docker.Audit.Store.QueryAsync(new AuditQuery { Decision = "warn", Rule = "privileged" });
        warned.Should().Contain(r => r.PolicyVersion.Contains("test-warn") && r.Violations.Any(v => v.Rule == "privileged" && v.Field == "HostConfig.Privileged"));
    }

    private async Task<string> RunningContainerAsync()
    {
        if ((await docker.DockerAsync("inspect", "running")).Exit != 0)
        {
            var (exit, _, err) = await docker.DockerAsync("run", "-d", "--name", "running", "--user", "1000", "bb:latest", "sleep", "300");
            exit.Should().Be(0, err);
        }
        return "running";
    }
}
