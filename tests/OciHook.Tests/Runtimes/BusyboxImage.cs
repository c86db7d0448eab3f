using System.Formats.Tar;

namespace DockerGuard.OciHook.Tests.Runtimes;

/// <summary>A root filesystem tar holding a static busybox and the applets the tests call: no registry is reachable here.</summary>
public static class BusyboxImage
{
    public static void WriteTar(string path)
    {
        using var file = File.Create(path);
        using var tar = new TarWriter(file, TarEntryFormat.Pax);
        tar.WriteEntry(new PaxTarEntry(TarEntryType.Directory, "bin/") { Mode = (UnixFileMode)0b111_101_101 });
        tar.WriteEntry("/bin/busybox", "bin/busybox");
        foreach (var applet in new[] { "sh", "echo", "cat", "id", "true", "sleep" })
            tar.WriteEntry(new PaxTarEntry(TarEntryType.SymbolicLink, $"bin/{applet}") { LinkName = "busybox" });
    }
}
