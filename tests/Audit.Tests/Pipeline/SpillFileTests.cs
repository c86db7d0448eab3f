using DockerGuard.Audit.Pipeline;
using DockerGuard.Audit.Records;
using DockerGuard.Audit.Tests.Support;

namespace DockerGuard.Audit.Tests.Pipeline;

/// <summary>The fail-open spill file when another process (<c>dockerguard audit import</c>) replays it: no line may land where nobody reads it.</summary>
public sealed class SpillFileTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private static SpillLine Line(string id) => new(null, new Completion(id, 201, null));

    [Fact]
    public void The_spill_file_is_created_readable_by_its_owner_only()
    {
        using var spill = new SpillFile(_dir.File("audit-spill.jsonl"));
        spill.Append(Line("first"));
        if (!OperatingSystem.IsWindows())
            File.GetUnixFileMode(spill.Path).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite, "spilled decisions are audit records");
    }

    [Fact]
    public void A_line_appended_after_another_process_renamed_the_file_goes_again_into_a_new_file()
    {
        using var spill = new SpillFile(_dir.File("audit-spill.jsonl"));
        spill.Append(Line("first"));
        // What SpillReplay does in the importing process, while this one keeps its stream open.
        File.Move(spill.Path, spill.Path + ".replay");

        spill.Append(Line("second"));

        File.ReadAllText(spill.Path).Should().Contain("\"second\"").And.NotContain("\"first\"");
    }

    [Fact]
    public void A_spill_file_reached_through_a_symlinked_directory_is_appended_once_per_line()
    {
        Directory.CreateDirectory(_dir.File("real"));
        Directory.CreateSymbolicLink(_dir.File("link"), _dir.File("real"));
        using var spill = new SpillFile(_dir.File("link/audit-spill.jsonl"));

        spill.Append(Line("first"));
        spill.Append(Line("second"));

        File.ReadAllLines(_dir.File("real/audit-spill.jsonl")).Should().HaveCount(2);
    }

    [Fact]
    public void A_torn_last_line_is_rejected_not_dropped_and_complete_lines_are_read()
    {
        var path = _dir.File("audit-spill.jsonl.replay");
        File.WriteAllText(path, "{\"completion\":{\"decisionId\":\"a\"}}\n{\"completion\":{\"decisio");

        var batch = SpillBatch.Read(path);

        batch.Lines.Should().ContainSingle().Which.Completion!.DecisionId.Should().Be("a");
        batch.Rejected.Should().ContainSingle().Which.Should().Match<RejectedSpillLine>(r => r.Line == 2 && r.Text == "{\"completion\":{\"decisio" && r.Reason.StartsWith("unterminated last line"));
    }
}
