using DockerGuard.OciHook.Host;

namespace DockerGuard.OciHook.Tests.Hook;

/// <summary>The spill append lands at the file's end at write time, not at the size seen on open.</summary>
public sealed class AppendOnlyFileTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("dg-append-").FullName;

    [Fact]
    public void A_line_written_by_someone_else_after_open_is_never_overwritten()
    {
        var path = Path.Combine(_dir, "spill.jsonl");
        File.WriteAllText(path, "first\n");
        using var file = AppendOnlyFile.Open(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.AppendAllText(path, "other hook\n");
        AppendOnlyFile.Append(file, "ours\n"u8);
        File.ReadAllText(path).Should().Be("first\nother hook\nours\n");
    }

    [Fact]
    public void A_new_file_is_created_owner_only()
    {
        var path = Path.Combine(_dir, "new.jsonl");
        using (var file = AppendOnlyFile.Open(path, UnixFileMode.UserRead | UnixFileMode.UserWrite))
        {
            AppendOnlyFile.Append(file, "x\n"u8);
            AppendOnlyFile.SyncData(file);
        }
        File.GetUnixFileMode(path).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.ReadAllText(path).Should().Be("x\n");
    }

    [Fact]
    public void An_unopenable_path_is_an_io_error_naming_the_reason()
    {
        var act = () => AppendOnlyFile.Open(Path.Combine(_dir, "missing", "spill.jsonl"), UnixFileMode.UserRead);
        act.Should().Throw<IOException>().WithMessage("open: *No such file*");
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
