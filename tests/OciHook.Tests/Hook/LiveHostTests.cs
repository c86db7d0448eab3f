using System.Diagnostics;
using DockerGuard.OciHook.Host;

namespace DockerGuard.OciHook.Tests.Hook;

/// <summary>statx against this machine's real nsfs inodes: no fakes.</summary>
public class LiveHostTests
{
    private readonly LiveHost _host = new();

    [Theory]
    [InlineData("network", "net")]
    [InlineData("mount", "mnt")]
    [InlineData("pid", "pid")]
    [InlineData("ipc", "ipc")]
    [InlineData("uts", "uts")]
    public void Own_namespace_is_the_nsfs_inode_readlink_shows(string ociType, string procName)
    {
        var id = _host.OwnNamespace(ociType)!.Value;
        var link = new FileInfo($"/proc/self/ns/{procName}").LinkTarget!;
        link.Should().Be($"{procName}:[{id.Inode}]");
    }

    [Fact]
    public void A_symlink_to_the_own_namespace_resolves_to_it()
    {
        var link = Path.Combine(Path.GetTempPath(), $"dg-ns-{Guid.NewGuid():N}");
        File.CreateSymbolicLink(link, $"/proc/{Environment.ProcessId}/ns/net");
        try
        {
            _host.Resolve(link, out _).Should().Be(_host.OwnNamespace("network"));
        }
        finally
        {
            File.Delete(link);
        }
    }

    [Fact]
    public void Another_processes_new_namespace_differs()
    {
        using var other = Process.Start(new ProcessStartInfo("unshare", ["--net", "--uts", "sleep", "30"]))!;
        try
        {
            NamespaceId? id = null;
            for (var i = 0; i < 100 && (id is null || id == _host.OwnNamespace("network")); i++)
            {
                Thread.Sleep(20);
                id = _host.Resolve($"/proc/{other.Id}/ns/net", out _);
            }
            id.Should().NotBeNull().And.NotBe(_host.OwnNamespace("network"));
            _host.Resolve($"/proc/{other.Id}/ns/ipc", out _).Should().Be(_host.OwnNamespace("ipc"));
        }
        finally
        {
            other.Kill();
            other.WaitForExit();
        }
    }

    [Fact]
    public void A_missing_path_gives_the_errno_text()
    {
        _host.Resolve("/nonexistent/ns/net", out var error).Should().BeNull();
        error.Should().Be("No such file or directory");
    }

    [Fact]
    public void Bounding_set_comes_from_proc_status()
    {
        _host.BoundingSet.Should().Contain(["CHOWN", "SYS_ADMIN", "NET_ADMIN"]);
    }
}
