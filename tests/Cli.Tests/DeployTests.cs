using System.Diagnostics;
using System.Text.Json;
using DockerGuard.Cli.Audit;
using DockerGuard.Cli.Commands;
using DockerGuard.Cli.Serving;

namespace DockerGuard.Cli.Tests;

/// <summary>
/// deploy/: the systemd units parse (systemd-analyze verify) and name what <c>dockerguard serve</c>
/// really uses: its socket, policy and state directories, and the plugin name daemon.json gives dockerd.
/// </summary>
public class DeployTests
{
    private static Dictionary<string, List<string>> Unit(string relative)
    {
        var keys = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var section = "";
        foreach (var raw in File.ReadAllLines(Repository.PathOf(relative)))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line[0] is '#' or ';') continue;
            if (line[0] == '[') { section = line.Trim('[', ']'); continue; }
            var eq = line.IndexOf('=', StringComparison.Ordinal);
            eq.Should().BePositive($"'{line}' in {relative} is a key=value line");
            var key = section + "." + line[..eq];
            if (!keys.TryGetValue(key, out var values)) keys[key] = values = [];
            values.Add(line[(eq + 1)..]);
        }
        return keys;
    }

    [Fact]
    public void Socket_unit_listens_where_serve_does_root_only_before_docker()
    {
        var socket = Unit("deploy/systemd/dockerguard.socket");
        socket["Socket.ListenStream"].Should().Equal(ServeCommand.DefaultSocket);
        socket["Socket.SocketMode"].Should().Equal("0600");
        socket["Socket.SocketUser"].Should().Equal("root");
        socket["Unit.Before"].Should().Contain("docker.service");
        socket["Install.WantedBy"].Should().Equal("sockets.target");
    }

    [Fact]
    public void Service_runs_serve_with_the_paths_it_defaults_to_and_is_hardened()
    {
        var service = Unit("deploy/systemd/dockerguard.service");
        var exec = service["Service.ExecStart"].Single().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        exec[0].Should().Be("/usr/local/bin/dockerguard");
        exec[1].Should().Be("serve");
        var args = CliArgs.Parse(exec[2..]);
        args.Option("socket").Should().Be(ServeCommand.DefaultSocket);
        args.Option("policy-dir").Should().Be(ServedPolicy.DefaultDirectory);
        args.Option("state-dir").Should().Be(ServeCommand.DefaultStateDir);
        args.RejectUnknown();
        CommandTable.All.Should().Contain(c => c is ServeCommand);

        service["Unit.Requires"].Should().Equal("dockerguard.socket");
        service["Unit.Before"].Should().Contain("docker.service");
        service["Service.StateDirectory"].Should().Equal(Path.GetFileName(ServeCommand.DefaultStateDir));
        service["Service.ReadWritePaths"].Should().Equal(ServeCommand.DefaultStateDir);
        service["Service.ProtectSystem"].Should().Equal("strict");
        service["Service.NoNewPrivileges"].Should().Equal("yes");
        service["Service.Restart"].Should().Equal("always");
        service.Should().NotContainKey("Service.PrivateTmp", "bind sources are resolved through the host's /tmp");
    }

    [Fact]
    public void Docker_drop_in_wants_the_socket_and_daemon_json_names_the_plugin()
    {
        var dropIn = Unit("deploy/systemd/docker.service.d/dockerguard.conf");
        dropIn["Unit.Wants"].Should().Equal("dockerguard.socket");
        dropIn["Unit.After"].Should().Equal("dockerguard.socket");

        using var json = JsonDocument.Parse(File.ReadAllText(Repository.PathOf("deploy/docker/daemon.json")));
        json.RootElement.GetProperty("authorization-plugins").EnumerateArray().Select(e => e.GetString())
            .Should().Equal([Path.GetFileNameWithoutExtension(ServeCommand.DefaultSocket)], "dockerd dials /run/docker/plugins/<name>.sock");
    }

    [Fact]
    public void Audit_import_timer_runs_the_import_where_the_hook_spills_and_the_servers_keep_the_store()
    {
        var service = Unit("deploy/systemd/dockerguard-audit-import.service");
        service["Service.Type"].Should().Equal("oneshot");
        var exec = service["Service.ExecStart"].Single().Split(' ');
        exec[..3].Should().Equal("/usr/local/bin/dockerguard", "audit", "import");
        CliArgs.Parse(exec[3..]).Option("state-dir").Should().Be(AuditStoreOption.DefaultStateDir);
        Path.Combine(AuditStoreOption.DefaultStateDir, "audit-spill.jsonl").Should().Be(DockerGuard.OciHook.Hook.HookSettings.DefaultAuditSpillPath);
        service["Service.ReadWritePaths"].Should().Equal(AuditStoreOption.DefaultStateDir);
        var timer = Unit("deploy/systemd/dockerguard-audit-import.timer");
        timer["Install.WantedBy"].Should().Equal("timers.target");
        timer.Should().ContainKey("Timer.OnUnitInactiveSec");
    }

    /// <summary>systemd's own parser. The binary is not installed here, so the copy runs /bin/true instead (its path is checked above).</summary>
    [Fact]
    public void Units_pass_systemd_analyze_verify()
    {
        if (!File.Exists("/usr/bin/systemd-analyze")) return; // no systemd on this machine: the structural tests above still run
        using var tree = new TempTree();
        foreach (var name in new[] { "dockerguard.socket", "dockerguard.service", "dockerguard-audit-import.service", "dockerguard-audit-import.timer" })
            tree.Write(name, File.ReadAllText(Repository.PathOf("deploy/systemd/" + name)).Replace("/usr/local/bin/dockerguard", "/bin/true", StringComparison.Ordinal));
        tree.Write("docker.service", "[Unit]\nDescription=stand-in for docker.service\n[Service]\nExecStart=/bin/true\n");
        tree.Write("docker.service.d/dockerguard.conf", File.ReadAllText(Repository.PathOf("deploy/systemd/docker.service.d/dockerguard.conf")));

        var psi = new ProcessStartInfo("/usr/bin/systemd-analyze") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "verify", "--man=no", "dockerguard.socket", "dockerguard.service", "docker.service", "dockerguard-audit-import.timer", "dockerguard-audit-import.service" }) psi.ArgumentList.Add(a);
        psi.WorkingDirectory = tree.Path;
        using var p = Process.Start(psi)!;
        var output = p.StandardOutput.ReadToEnd() + p.StandardError.ReadToEnd();
        p.WaitForExit();
        p.ExitCode.Should().Be(0, output);
        output.Should().BeEmpty();
    }
}
