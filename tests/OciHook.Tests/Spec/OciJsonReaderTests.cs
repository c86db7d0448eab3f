using System.Text;
using System.Text.Json;
using DockerGuard.OciHook.Hook;
using DockerGuard.OciHook.Spec;
using DockerGuard.OciHook.Tests.Support;
using DockerGuard.OciHook.Translation;

namespace DockerGuard.OciHook.Tests.Spec;

/// <summary>
/// The hand-written config.json and state reader decodes as runc (Go encoding/json) does: case-insensitive
/// keys, repeated keys decoding again onto the same value, null emptying only objects, arrays and maps;
/// and every malformed input is an error naming the JSON path.
/// </summary>
public sealed class OciJsonReaderTests
{
    private static OciSpec Config(string json) => HookInput.ParseConfig(Encoding.UTF8.GetBytes(json), "config.json");

    private static string ErrorOf(string json)
    {
        var act = () => Config(json);
        return act.Should().Throw<OciInputException>().Which.Message;
    }

    public static TheoryData<string> Fixtures => [.. Fixture.Names];

    /// <summary>Differential: on every captured config, the same values as System.Text.Json's reflection serializer.</summary>
    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Reads_every_captured_config_as_a_general_json_serializer_does(string name)
    {
        var bytes = File.ReadAllBytes(Fixture.PathOf(name));
        var options = new JsonSerializerOptions { PropertyNameCaseInsensitive = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };
        var expected = JsonSerializer.Deserialize<OciSpec>(bytes, options);
        JsonSerializer.Serialize(HookInput.ParseConfig(bytes, name), options).Should().Be(JsonSerializer.Serialize(expected, options));
        HookInput.ParseConfig(bytes, name).Linux!.Namespaces.Should().NotBeNullOrEmpty();
    }

    [Fact]
    public void Keys_match_case_insensitively_with_gos_folding()
    {
        var spec = Config("""{"Linux":{"NAMESPACES":[{"Type":"pid"}],"maſkedPaths":["/proc/kcore"],"UIDMappings":[{"containerId":0,"HOSTID":100000,"size":65536}]},"MOUNTS":[{"destination":"/x"}]}""");
        spec.Linux!.Namespaces!.Should().ContainSingle().Which.Type.Should().Be("pid");
        spec.Linux.MaskedPaths.Should().Equal("/proc/kcore");
        spec.Linux.UidMappings!.Single().HostId.Should().Be(100000);
        spec.Mounts!.Single().Destination.Should().Be("/x");
        Config("""{"process":{"\u212Aapabilities":{},"noNewPrivileges":true}}""").Process!.Capabilities.Should().BeNull("U+212A folds to k, not c");
        Config("""{"linux":{"\u212Aamespaces":[]}}""").Linux!.Namespaces.Should().BeNull();
        Config("""{"linuẋ":{"namespaces":[]}}""").Linux.Should().BeNull("no other non-ASCII letter folds to ASCII");
    }

    [Fact]
    public void A_repeated_key_merges_objects_and_maps_and_replaces_arrays_and_scalars()
    {
        var spec = Config("""
            {"root":{"readonly":true},"Root":{"path":"rootfs"},
             "mounts":[{"destination":"/a"},{"destination":"/b"}],"mounts":[{"destination":"/c"}],
             "process":{"user":{"uid":0,"gid":0},"user":{"uid":1000}},
             "annotations":{"a":"1"},"annotations":{"b":"2","a":"3"},
             "linux":{"devices":[{"path":"/dev/mem","type":"c","major":1,"minor":1}]},"linux":{"namespaces":[{"type":"pid"}]}}
            """);
        spec.Root.Should().BeEquivalentTo(new OciRoot { Path = "rootfs", Readonly = true });
        spec.Mounts!.Select(m => m.Destination).Should().Equal("/c");
        spec.Process!.User.Should().BeEquivalentTo(new OciUser { Uid = 1000, Gid = 0 });
        spec.Annotations.Should().Equal(new Dictionary<string, string> { ["a"] = "3", ["b"] = "2" });
        spec.Linux!.Devices!.Single().Path.Should().Be("/dev/mem", "runc keeps the first linux object's devices");
        spec.Linux.Namespaces!.Single().Type.Should().Be("pid");
        HookInput.ReadState(new MemoryStream("""{"id":"first","ID":"second","bundle":"/b"}"""u8.ToArray())).Id.Should().Be("second");
    }

    [Fact]
    public void Null_empties_objects_arrays_and_pointers_and_leaves_plain_scalars()
    {
        var spec = Config("""
            {"linux":{"seccomp":{"defaultAction":"SCMP_ACT_ERRNO"},"seccomp":null,"maskedPaths":["/p"],"maskedPaths":null,
                      "resources":{"memory":{"limit":100},"devices":[{"allow":false,"major":1},{"allow":true,"major":null}]}},
             "root":{"readonly":true,"readonly":null},"process":{"user":{"uid":7,"uid":null},"args":[null]}}
            """);
        spec.Linux!.Seccomp.Should().BeNull();
        spec.Linux.MaskedPaths.Should().BeNull();
        spec.Linux.Resources!.Memory!.Limit.Should().Be(100);
        spec.Linux.Resources.Devices!.Select(d => d.Major).Should().Equal(1L, null);
        spec.Root!.Readonly.Should().BeTrue();
        spec.Process!.User!.Uid.Should().Be(7);
        spec.Process.Args.Should().Equal("");
    }

    [Theory]
    [InlineData("""{"mounts":[{"destination":"/a"},{"options":"ro"}]}""", "at $.mounts[1].options (line 1, byte 44): expected an array, found a string")]
    [InlineData("""{"process":{"user":{"uid":1.5}}}""", "at $.process.user.uid (line 1, byte 27): 1.5 is not a 64-bit integer")]
    [InlineData("""{"linux":{"resources":{"cpu":{"shares":-1}}}}""", "at $.linux.resources.cpu.shares (line 1, byte 40): -1 is not an unsigned 64-bit integer")]
    [InlineData("{\n  \"root\": {\"readonly\": \"yes\"}\n}", "at $.root.readonly (line 2, byte 24): expected true or false, found a string")]
    [InlineData("""{"linux":{"namespaces":[{"type":"pid"},7]}}""", "at $.linux.namespaces[1] (line 1, byte 40): expected an object, found a number")]
    [InlineData("""{"annotations":{"a":1}}""", "at $.annotations.a (line 1, byte 21): expected a string, found a number")]
    [InlineData("[]", "at $ (line 1, byte 1): expected an object, found an array")]
    [InlineData("{} {}", "at $ (line 1, byte 4): ")]
    [InlineData("""{"linux":{"namespaces":""", "at $.linux.namespaces (line 1, byte 24): ")]
    [InlineData("""{"process":{"env":["A=1",]}}""", "at $.process.env[0] (line 1, byte 26): The JSON array contains a trailing comma")]
    public void Malformed_input_is_an_error_naming_the_path_line_and_byte(string json, string message) =>
        ErrorOf(json).Should().StartWith("config.json is not valid OCI JSON " + message);

    [Fact]
    public void The_state_is_read_the_same_way()
    {
        var state = HookInput.ReadState(new MemoryStream("""{"ociVersion":"1.0.2","ID":"abc","Status":"creating","pid":42,"bundle":"/b","annotations":{"k":"v"},"extra":{"x":[1,{}]}}"""u8.ToArray()));
        state.Should().BeEquivalentTo(new OciState { OciVersion = "1.0.2", Id = "abc", Status = "creating", Pid = 42, Bundle = "/b", Annotations = new() { ["k"] = "v" } });
        var act = () => HookInput.ReadState(new MemoryStream("""{"id":"abc","bundle":"/b","pid":4294967296}"""u8.ToArray()));
        act.Should().Throw<OciInputException>().WithMessage("OCI state on stdin is not valid OCI JSON at $.pid*out of range*");
    }
}
