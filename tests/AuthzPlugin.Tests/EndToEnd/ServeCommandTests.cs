using DockerGuard.Audit.Query;
using DockerGuard.Audit.Storage;

namespace DockerGuard.AuthzPlugin.Tests.EndToEnd;

/// <summary>
/// <c>dockerguard serve</c> as a separate process guarding the real dockerd, as installed: the shipped
/// policy from a policy directory, the SQLite audit trail in its state directory, reload on edit,
/// SIGTERM and SIGKILL. Each test swaps the fixture's in-process plugin for the process on the same
/// socket, and puts it back.
/// </summary>
[Collection(DockerDaemonCollection.Name)]
public sealed class ServeCommandTests(DockerDaemon docker) : IAsyncLifetime
{
    private readonly string _dir = Directory.CreateTempSubdirectory("dg-serve-").FullName;
    private string PolicyDir => Path.Combine(_dir, "policies");
    private string StateDir => Path.Combine(_dir, "state");
    private string PolicyFile => Path.Combine(PolicyDir, "cis-runtime.yaml");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(PolicyDir);
        File.Copy(Path.Combine(RepositoryRoot(), "policies", "cis-runtime.yaml"), PolicyFile);
        await docker.StopPluginAsync();
    }

    public async Task DisposeAsync()
    {
        if (File.Exists(docker.PluginSocket)) File.Delete(docker.PluginSocket); // left by a SIGKILLed serve in a failed test
        await docker.StartPluginAsync();
        Directory.Delete(_dir, recursive: true);
    }

    private Task<ServeProcess> ServeAsync(params string[] more) =>
        ServeProcess.StartAsync(["--socket", docker.PluginSocket, "--policy-dir", PolicyDir, "--state-dir", StateDir, .. more]);

    [Fact]
    public async Task Serve_denies_records_in_its_state_dir_and_removes_its_socket_on_SIGTERM()
    {
        await using var serve = await ServeAsync();
        serve.Output.Should().Contain($"listening on {docker.PluginSocket} (mode 0600)")
            .And.Contain($"from directory {PolicyDir}")
            .And.Contain($"audit sqlite:{StateDir}/audit.db");
        File.GetUnixFileMode(docker.PluginSocket).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        using (var stat = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("stat", ["-c", "%U:%G", docker.PluginSocket]) { RedirectStandardOutput = true })!)
            stat.StandardOutput.ReadToEnd().Trim().Should().Be("root:root", "serve runs as root, like dockerd, and nobody else may connect");

        var (exit, _, err) = await docker.DockerAsync("run", "--rm", "--privileged", "bb:latest", "true");
        exit.Should().NotBe(0);
        // The format docs/docker.md promises: <rule id> (CIS <id>): <what> at <field>; <how to fix>.
        err.Should().Contain($"Error response from daemon: authorization denied by plugin {docker.PluginName}: privileged (CIS 5.4): privileged container at HostConfig.Privileged; remove --privileged");
        var (ok, output, runErr) = await docker.DockerAsync("run", "--rm", "--user", "1000", "bb:latest", "echo", "served");
        ok.Should().Be(0, runErr);
        output.Should().Be("served");

        serve.Signal("TERM");
        (await serve.WaitForExitAsync()).Should().Be(0, serve.Output);
        serve.Output.Should().Contain("stopping");
        File.Exists(docker.PluginSocket).Should().BeFalse("serve removes its socket on a clean stop");

        await using var store = new SqliteAuditStore(Path.Combine(StateDir, "audit.db"));
        var denied = await store.QueryAsync(new AuditQuery { Decision = "deny", Rule = "privileged" });
        denied.Should().ContainSingle().Which.Violations.Should().Contain(v => v.Rule == "privileged" && v.Field == "HostConfig.Privileged");
    }

    [Fact]
    public async Task Edited_policy_is_reloaded_and_a_warn_rule_lets_the_container_run_recorded_as_a_warning()
    {
        await using var serve = await ServeAsync("--metrics-address", "127.0.0.1:0");
        (await docker.DockerAsync("run", "--rm", "--privileged", "bb:latest", "true")).Exit.Should().NotBe(0);

        var warned = File.ReadAllText(PolicyFile).Replace("privileged:               {action: deny}", "privileged:               {action: warn}", StringComparison.Ordinal);
        warned.Should().Contain("privileged:               {action: warn}", "the shipped policy lists the rule in this form");
        File.WriteAllText(PolicyFile, warned);
        await serve.WaitForLineAsync("policy reloaded");

        var (exit, output, err) = await docker.DockerAsync("run", "--rm", "--privileged", "--user", "1000", "bb:latest", "echo", "warned");
        exit.Should().Be(0, err);
        output.Should().Be("warned");

        // serve owns the store's pending journal and indexes it 20–250 ms behind its answers: read as another process would.
        await using var store = new SqliteAuditStore(Path.Combine(StateDir, "audit.db"));
        IReadOnlyList<DockerGuard.Audit.Records.DecisionRecord> warnings = [];
        for (var deadline = DateTime.UtcNow.AddSeconds(10); DateTime.UtcNow < deadline && warnings.Count == 0; await Task.Delay(50))
            warnings = await store.QueryAsync(new AuditQuery { Decision = "warn", Rule = "privileged" });
        warnings.Should().Contain(r => r.Violations.Any(v => v.Rule == "privileged" && v.Field == "HostConfig.Privileged"));

        // --metrics-address: the same decisions and the reload, as a Prometheus scrape sees them.
        var address = System.Text.RegularExpressions.Regex.Match(serve.Output, @"metrics on (http://\S+/metrics)").Groups[1].Value;
        address.Should().NotBeEmpty(serve.Output);
        using var http = new HttpClient();
        var scrape = await http.GetStringAsync(address);
        Counted(scrape, "dockerguard_policy_reloads_total", "result=\"success\"").Should().BeTrue(scrape);
        Counted(scrape, "dockerguard_violations_total", "rule=\"privileged\"", "action=\"deny\"").Should().BeTrue(scrape);
        Counted(scrape, "dockerguard_violations_total", "rule=\"privileged\"", "action=\"warn\"").Should().BeTrue(scrape);
    }

    [Fact]
    public async Task Killed_plugin_restarted_and_dockerd_recovers_without_its_own_restart()
    {
        var first = await ServeAsync();
        await using (first)
        {
            (await docker.DockerAsync("ps")).Exit.Should().Be(0);
            first.Signal("KILL");
            await first.WaitForExitAsync();
        }
        File.Exists(docker.PluginSocket).Should().BeTrue("SIGKILL leaves the socket file behind, with nobody listening");

        // dockerd retries a plugin it cannot reach (for up to 30 s): a call made while DockerGuard is down
        // waits for it instead of passing unchecked, and completes once the restarted plugin answers.
        var waiting = docker.DockerAsync("run", "--rm", "--privileged", "bb:latest", "true");
        await Task.Delay(TimeSpan.FromSeconds(1));
        waiting.IsCompleted.Should().BeFalse("dockerd cannot decide without its plugin");

        await using var second = await ServeAsync();
        var (exit, _, err) = await waiting;
        exit.Should().NotBe(0);
        err.Should().Contain($"authorization denied by plugin {docker.PluginName}: privileged");
        var (ok, output, runErr) = await docker.DockerAsync("run", "--rm", "--user", "1000", "bb:latest", "echo", "recovered");
        ok.Should().Be(0, runErr);
        output.Should().Be("recovered");
    }

    /// <summary>A sample of <paramref name="metric"/> with all these labels (in any order) and a value above zero.</summary>
    private static bool Counted(string scrape, string metric, params string[] labels) =>
        scrape.Split('\n').Any(line => line.StartsWith(metric + "{", StringComparison.Ordinal)
            && labels.All(l => line.Contains(l, StringComparison.Ordinal))
            && double.TryParse(line[(line.LastIndexOf(' ') + 1)..], System.Globalization.CultureInfo.InvariantCulture, out var value) && value > 0);

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "DockerGuard.sln"))) return dir.FullName;
        throw new InvalidOperationException("DockerGuard.sln not found above " + AppContext.BaseDirectory);
    }
}
