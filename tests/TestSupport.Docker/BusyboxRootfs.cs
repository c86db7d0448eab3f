using System.Formats.Tar;

namespace DockerGuard.TestSupport.Docker;

/// <summary>
/// A root filesystem tar of the static busybox (busybox-static) and the applets tests call, for
/// <c>docker import</c> and <c>podman import</c>: no registry is reachable here.
/// </summary>
public static class BusyboxRootfs
{
    private static readonly string[] Applets = ["sh", "true", "echo", "sleep", "cat", "id", "ls", "env"];
    private const UnixFileMode Directory = (UnixFileMode)0b111_101_101;
    private const UnixFileMode Readable = (UnixFileMode)0b110_100_100;

    public static void WriteTar(string path)
    {
        using var file = File.Create(path);
        using var tar = new TarWriter(file, TarEntryFormat.Pax);
        foreach (var dir in new[] { "bin/", "tmp/", "etc/", "proc/", "sys/", "dev/" })
            tar.WriteEntry(new PaxTarEntry(TarEntryType.Directory, dir) { Mode = Directory });
        tar.WriteEntry("/bin/busybox", "bin/busybox");
        foreach (var applet in Applets)
            tar.WriteEntry(new PaxTarEntry(TarEntryType.SymbolicLink, $"bin/{applet}") { LinkName = "busybox" });
        // `--user 1000` needs no entry, but `id` and named users read it.
        tar.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, "etc/passwd")
        {
            DataStream = new MemoryStream("root:x:0:0:root:/:/bin/sh\nnobody:x:65534:65534:nobody:/:/bin/sh\n"u8.ToArray()),
            Mode = Readable,
        });
    }
}
