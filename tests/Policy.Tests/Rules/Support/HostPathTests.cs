using DockerGuard.Policy.Rules.Support;

namespace DockerGuard.Policy.Tests.Rules.Support;

/// <summary>HostPath.Clean against Go's own path.Clean table (src/path/path_test.go), plus /var/run.</summary>
public class HostPathTests
{
    [Theory]
    [InlineData("", ".")]
    [InlineData("abc", "abc")]
    [InlineData("abc/def", "abc/def")]
    [InlineData(".", ".")]
    [InlineData("..", "..")]
    [InlineData("../..", "../..")]
    [InlineData("../../abc", "../../abc")]
    [InlineData("/abc", "/abc")]
    [InlineData("/", "/")]
    [InlineData("abc/", "abc")]
    [InlineData("abc/def/", "abc/def")]
    [InlineData("./", ".")]
    [InlineData("../", "..")]
    [InlineData("../../", "../..")]
    [InlineData("/abc/", "/abc")]
    [InlineData("abc//def//ghi", "abc/def/ghi")]
    [InlineData("//abc", "/abc")]
    [InlineData("///abc", "/abc")]
    [InlineData("//abc//", "/abc")]
    [InlineData("abc//", "abc")]
    [InlineData("abc/./def", "abc/def")]
    [InlineData("/./abc/def", "/abc/def")]
    [InlineData("abc/.", "abc")]
    [InlineData("abc/def/ghi/../jkl", "abc/def/jkl")]
    [InlineData("abc/def/../ghi/../jkl", "abc/jkl")]
    [InlineData("abc/def/..", "abc")]
    [InlineData("abc/def/../..", ".")]
    [InlineData("/abc/def/../..", "/")]
    [InlineData("abc/def/../../..", "..")]
    [InlineData("/abc/def/../../..", "/")]
    [InlineData("abc/def/../../../ghi/jkl/../../../mno", "../../mno")]
    [InlineData("abc/./../def", "def")]
    [InlineData("abc//./../def", "def")]
    [InlineData("abc/../../././../def", "../../def")]
    [InlineData("/..", "/")]
    [InlineData("/../../etc", "/etc")]
    [InlineData("/etc/..conf", "/etc/..conf")]
    [InlineData("/etc/.hidden/", "/etc/.hidden")]
    public void Clean_matches_go_path_Clean(string input, string expected) => HostPath.Clean(input).Should().Be(expected);

    [Fact]
    public void Clean_returns_a_clean_path_itself()
    {
        var path = "/var/lib/app";
        HostPath.Clean(path).Should().BeSameAs(path);
    }

    [Fact]
    public void Clean_handles_paths_longer_than_the_stack_buffer()
    {
        var deep = "/" + string.Join("/", Enumerable.Repeat("segment", 100)) + "/../x/";
        HostPath.Clean(deep).Should().Be("/" + string.Join("/", Enumerable.Repeat("segment", 99)) + "/x");
    }

    [Theory]
    [InlineData("/var/run", "/run")]
    [InlineData("/var/run/", "/run")]
    [InlineData("/var/run/docker.sock", "/run/docker.sock")]
    [InlineData("//var//run/./docker.sock", "/run/docker.sock")]
    [InlineData("/var/runner", "/var/runner")]
    [InlineData("/var/run-data/x", "/var/run-data/x")]
    [InlineData("/var", "/var")]
    public void Normalize_reads_var_run_as_run(string input, string expected) => HostPath.Normalize(input).Should().Be(expected);

    [Theory]
    [InlineData("etc", "/etc")]
    [InlineData("", "/")]
    [InlineData("/etc", "/etc")]
    public void NormalizeSource_takes_relative_sources_from_the_root(string input, string expected) => HostPath.NormalizeSource(input).Should().Be(expected);

    [Theory]
    [InlineData("/etc/passwd", "/etc", true)]
    [InlineData("/etc", "/etc", false)]
    [InlineData("/etcetera", "/etc", false)]
    [InlineData("/etc", "/", true)]
    [InlineData("/", "/", false)]
    public void IsUnder_respects_segment_boundaries(string path, string dir, bool expected) => HostPath.IsUnder(path, dir).Should().Be(expected);
}
