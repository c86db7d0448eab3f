using System.Buffers;
using System.Text;
using System.Text.Json;
using DockerGuard.AuthzPlugin.Protocol;
using DockerGuard.AuthzPlugin.Tests.Support;

namespace DockerGuard.AuthzPlugin.Tests.Protocol;

/// <summary>
/// The envelope reader on its own: dockerd's exact key names, the last of a repeated key, null as
/// absent, and the base64 bodies; the same message whether Kestrel's pipe holds it in one segment or
/// many; and every malformed envelope refused with one of the exceptions the endpoint turns into a denial.
/// </summary>
public sealed class AuthzMessageReaderTests
{
    [Fact]
    public void Every_field_dockerd_sends_is_read()
    {
        var m = AuthzMessageReader.Read("""
            {"User":"alice","UserAuthNMethod":"TLS","RequestMethod":"POST","RequestUri":"/v1.41/containers/create",
             "RequestBody":"eyJJbWFnZSI6ImJiIn0=","RequestHeaders":{"Content-Type":"application/json","X-Empty":null},
             "ResponseStatusCode":201,"ResponseBody":"eyJJZCI6ImFiYyJ9"}
            """u8);

        m.User.Should().Be("alice");
        m.UserAuthNMethod.Should().Be("TLS");
        m.RequestMethod.Should().Be("POST");
        m.RequestUri.Should().Be("/v1.41/containers/create");
        Encoding.UTF8.GetString(m.RequestBody!).Should().Be("""{"Image":"bb"}""");
        m.RequestHeaders.Should().Equal(new Dictionary<string, string> { ["Content-Type"] = "application/json", ["X-Empty"] = "" });
        m.ResponseStatusCode.Should().Be(201);
        Encoding.UTF8.GetString(m.ResponseBody!).Should().Be("""{"Id":"abc"}""");
    }

    [Fact]
    public void A_repeated_key_keeps_its_last_value_as_Go_does()
    {
        var m = AuthzMessageReader.Read("""{"RequestMethod":"GET","RequestUri":"/_ping","RequestUri":"/v1.41/containers/create","RequestMethod":"POST"}"""u8);
        m.RequestMethod.Should().Be("POST");
        m.RequestUri.Should().Be("/v1.41/containers/create");
    }

    [Fact]
    public void Keys_match_exactly_after_unescaping_and_null_leaves_a_field_unset()
    {
        // dockerd writes the envelope with its exact names; a key in another case is not one of them.
        var m = AuthzMessageReader.Read("""{"requesturi":"/x","Request\u0055ri":"/v1.41/info","RequestBody":null,"Unknown":{"a":[1,2]},"User":null}"""u8);
        m.RequestUri.Should().Be("/v1.41/info");
        m.RequestBody.Should().BeNull();
        m.User.Should().BeNull();
    }

    [Fact]
    public void A_message_split_over_many_pipe_segments_reads_as_the_whole()
    {
        var bytes = Fixtures.Bytes("create-privileged.authzreq");
        var whole = AuthzMessageReader.Read(bytes);
        foreach (var size in new[] { 1, 7, 64, 1000 })
        {
            var split = AuthzMessageReader.Read(Segments(bytes, size));
            split.RequestMethod.Should().Be(whole.RequestMethod);
            split.RequestUri.Should().Be(whole.RequestUri);
            split.RequestBody.Should().Equal(whole.RequestBody);
            split.RequestHeaders.Should().Equal(whole.RequestHeaders);
        }
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("[]", "not an object")]
    [InlineData("\"RequestUri\"", "a string")]
    [InlineData("""{"RequestMethod":"POST","RequestUri":"/v1.41/containers/create","RequestBody":"eyJJbWFnZSI6""", "truncated")]
    [InlineData("""{"RequestBody":"not base64!"}""", "bad base64")]
    [InlineData("""{"RequestBody":12}""", "body not a string")]
    [InlineData("""{"RequestUri":{"a":1}}""", "URI not a string")]
    [InlineData("""{"ResponseStatusCode":"200"}""", "status not a number")]
    [InlineData("""{"ResponseStatusCode":2.5}""", "status not an integer")]
    [InlineData("""{"RequestHeaders":[]}""", "headers not an object")]
    [InlineData("""{"RequestUri":"/x",}""", "trailing comma")]
    [InlineData("""{"a":[[[[[[[[[[1]]]]]]]]]]}""", "nested deeper than any envelope")]
    public void A_malformed_envelope_throws_what_the_endpoint_turns_into_a_denial(string json, string what)
    {
        var read = () => AuthzMessageReader.Read(Encoding.UTF8.GetBytes(json));
        read.Should().Throw<Exception>(what).Which.Should().Match(e => e is JsonException || e is FormatException || e is InvalidOperationException, what);
        var split = () => AuthzMessageReader.Read(Segments(Encoding.UTF8.GetBytes(json), 3));
        split.Should().Throw<Exception>(what).Which.Should().Match(e => e is JsonException || e is FormatException || e is InvalidOperationException, what);
    }

    /// <summary>The bytes as a pipe may hold them: a chain of segments of <paramref name="size"/> bytes.</summary>
    private static ReadOnlySequence<byte> Segments(byte[] bytes, int size)
    {
        if (bytes.Length == 0) return ReadOnlySequence<byte>.Empty;
        var first = new Segment(bytes.AsMemory(0, Math.Min(size, bytes.Length)), 0);
        var last = first;
        for (var at = size; at < bytes.Length; at += size)
            last = last.Append(bytes.AsMemory(at, Math.Min(size, bytes.Length - at)));
        return new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory, long runningIndex)
        {
            Memory = memory;
            RunningIndex = runningIndex;
        }

        public Segment Append(ReadOnlyMemory<byte> memory)
        {
            var next = new Segment(memory, RunningIndex + Memory.Length);
            Next = next;
            return next;
        }
    }
}
