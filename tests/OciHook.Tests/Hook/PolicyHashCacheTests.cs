using System.Text;
using DockerGuard.Audit.Records;
using DockerGuard.OciHook.Hook;
using DockerGuard.OciHook.Tests.Support;
using DockerGuard.Policy.Files;

namespace DockerGuard.OciHook.Tests.Hook;

/// <summary>
/// The policy-version cache answers only for the exact canonical text it holds, only from a file nobody but
/// root could have written, and falls back to hashing on anything else. The tests run as root (as the hook does).
/// </summary>
public sealed class PolicyHashCacheTests : IDisposable
{
    private const string Text = "policy.yaml\n{\"kind\":\"Policy\"}\n";
    private static readonly string Planted = "sha256:" + new string('a', 64);

    private readonly string _dir = Directory.CreateTempSubdirectory("dg-policy-cache-").FullName;
    private string CachePath => Path.Combine(_dir, "state", "policy-version.cache");

    private void Plant(string content, UnixFileMode mode = UnixFileMode.UserRead | UnixFileMode.UserWrite)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(CachePath)!);
        File.WriteAllText(CachePath, content);
        File.SetUnixFileMode(CachePath, mode);
    }

    private static string Cache(string hash, string text) => $"dockerguard policy-version cache 1\n{hash}\n{text}";

    [Fact]
    public void A_miss_hashes_and_leaves_an_owner_only_file_the_next_run_answers_from()
    {
        var cache = new PolicyHashCache(CachePath);
        cache.Hash(Text).Should().Be(PolicyCompiler.Sha256(Text));
        File.GetUnixFileMode(CachePath).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.ReadAllText(CachePath).Should().Be(Cache(PolicyCompiler.Sha256(Text), Text));
        Directory.EnumerateFiles(Path.GetDirectoryName(CachePath)!).Should().ContainSingle("the temp file was renamed");

        // Proof that it is read: a root-owned entry for the same text is believed.
        Plant(Cache(Planted, Text));
        cache.Hash(Text).Should().Be(Planted);
    }

    [Fact]
    public void Changed_policy_text_is_never_served_a_stale_version()
    {
        Plant(Cache(Planted, Text));
        var changed = Text.Replace("Policy", "Policy2");
        new PolicyHashCache(CachePath).Hash(changed).Should().Be(PolicyCompiler.Sha256(changed));
        File.ReadAllText(CachePath).Should().Be(Cache(PolicyCompiler.Sha256(changed), changed));
        new PolicyHashCache(CachePath).Hash(Text + "\n").Should().Be(PolicyCompiler.Sha256(Text + "\n"), "a trailing byte is a change too");
    }

    [Theory]
    [InlineData(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupWrite)]
    [InlineData(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherWrite)]
    public void A_file_others_could_write_is_ignored(UnixFileMode mode)
    {
        Plant(Cache(Planted, Text), mode);
        new PolicyHashCache(CachePath).Hash(Text).Should().Be(PolicyCompiler.Sha256(Text));
    }

    [Fact]
    public async Task A_file_owned_by_another_user_or_reached_by_a_symlink_is_ignored()
    {
        Plant(Cache(Planted, Text));
        await Run.Checked("chown", ["65534:65534", CachePath]);
        new PolicyHashCache(CachePath).Hash(Text).Should().Be(PolicyCompiler.Sha256(Text));

        var elsewhere = Path.Combine(_dir, "elsewhere.cache");
        File.WriteAllText(elsewhere, Cache(Planted, Text));
        File.SetUnixFileMode(elsewhere, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var link = Path.Combine(_dir, "link.cache");
        File.CreateSymbolicLink(link, elsewhere);
        new PolicyHashCache(link).Hash(Text).Should().Be(PolicyCompiler.Sha256(Text));
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("")]
    [InlineData("dockerguard policy-version cache 1\nsha256:abc\n" + Text)]
    [InlineData("dockerguard policy-version cache 1\nsha256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\n" + Text)]
    [InlineData("dockerguard policy-version cache 2\nsha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\n" + Text)]
    [InlineData("dockerguard policy-version cache 1\nsha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    public void A_damaged_file_falls_back_to_hashing(string content)
    {
        Plant(content);
        new PolicyHashCache(CachePath).Hash(Text).Should().Be(PolicyCompiler.Sha256(Text));
        File.ReadAllText(CachePath).Should().Be(Cache(PolicyCompiler.Sha256(Text), Text), "it is rewritten whole");
    }

    [Fact]
    public void Invalid_utf8_falls_back_to_hashing()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(CachePath)!);
        File.WriteAllBytes(CachePath, [.. Encoding.UTF8.GetBytes(Cache(Planted, "")), 0xff, 0xfe]);
        File.SetUnixFileMode(CachePath, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        new PolicyHashCache(CachePath).Hash(Text).Should().Be(PolicyCompiler.Sha256(Text));
    }

    [Fact]
    public void An_unwritable_location_only_costs_the_hash()
    {
        var blocked = Path.Combine(_dir, "file");
        File.WriteAllText(blocked, "");
        new PolicyHashCache(Path.Combine(blocked, "policy-version.cache")).Hash(Text).Should().Be(PolicyCompiler.Sha256(Text));
    }

    /// <summary>The published hook: its audit line carries the loader's own version, before and after the policy changes,
    /// and a damaged cache changes nothing about the decision.</summary>
    [Fact]
    public async Task The_hook_labels_decisions_with_the_current_version_and_still_decides_by_the_yaml()
    {
        var policies = Directory.CreateDirectory(Path.Combine(_dir, "policies")).FullName;
        var file = Path.Combine(policies, "cis-runtime.yaml");
        File.Copy(Path.Combine(Repository.Root, "policies", "cis-runtime.yaml"), file);
        var spill = Path.Combine(_dir, "audit.jsonl");
        string[] env = [$"DOCKERGUARD_POLICY={policies}", $"DOCKERGUARD_POLICY_CACHE={CachePath}", $"DOCKERGUARD_AUDIT=jsonl:{spill}"];
        using var privileged = Bundle.FromFixture("podman-privileged");

        async Task<string> VersionOfOneRun()
        {
            File.Delete(spill);
            (await HookExecutableTests.Invoke(privileged.State(), env)).ExitCode.Should().Be(1);
            return System.Text.Json.JsonSerializer.Deserialize(File.ReadAllLines(spill).Single(), RecordJson.Default.SpillLine)!.Record!.PolicyVersion;
        }

        var first = PolicyDirectory.Load(policies).Plan!.Version.ToString();
        (await VersionOfOneRun()).Should().Be(first);
        File.Exists(CachePath).Should().BeTrue();
        (await VersionOfOneRun()).Should().Be(first, "answered from the cache");

        File.WriteAllText(file, System.Text.RegularExpressions.Regex.Replace(File.ReadAllText(file), @"privileged-ports:\s+\{action: deny\}", "privileged-ports: {action: warn}"));
        var second = PolicyDirectory.Load(policies).Plan!.Version.ToString();
        second.Should().NotBe(first);
        (await VersionOfOneRun()).Should().Be(second);

        Plant("garbage");
        (await VersionOfOneRun()).Should().Be(second);
    }

    [Fact]
    public void The_setting_is_an_absolute_path_or_off()
    {
        HookSettings Of(string? value) => HookSettings.FromEnvironment(n => n == HookSettings.PolicyCacheVariable ? value : null);
        Of(null).PolicyCachePath.Should().Be("/var/lib/dockerguard/policy-version.cache");
        Of("off").PolicyCachePath.Should().BeNull();
        Of("/run/dg/cache").PolicyCachePath.Should().Be("/run/dg/cache");
        var act = () => Of("cache");
        act.Should().Throw<HookSetupException>().WithMessage("DOCKERGUARD_POLICY_CACHE=cache: expected an absolute path or off");
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
