using System.Collections.Immutable;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using DockerGuard.Admission.Review;
using DockerGuard.AuthzPlugin.Decisions;
using DockerGuard.AuthzPlugin.Protocol;
using DockerGuard.OciHook.Hook;
using DockerGuard.OciHook.Tests.Support;
using DockerGuard.Policy.Evaluation;
using Microsoft.Extensions.Logging.Abstractions;

namespace DockerGuard.Equivalence.Tests.Support;

/// <summary>
/// Each surface's real decision path on one policy (the catalogue defaults, which the OCI hook
/// runs): the Docker plugin's decider on an AuthZReq, the webhook's review handler on an
/// AdmissionReview, the createRuntime hook on a bundle's config.json.
/// </summary>
public static class Surfaces
{
    private static readonly CompiledPolicy Policy = CompiledPolicy.CatalogDefaults();

    public static string FixturePath(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", name);

    /// <summary><c>docker create</c>: the Engine API body the CLI sends, through routing, the Go-semantics reader and the translator.</summary>
    public static SurfaceDecision Docker(JsonObject hostConfig, string image = "nginx:1.27")
    {
        var body = new JsonObject { ["Image"] = image, ["HostConfig"] = hostConfig.DeepClone() }.ToJsonString();
        var bytes = Encoding.UTF8.GetBytes(body);
        var message = new AuthzMessage
        {
            RequestMethod = "POST",
            RequestUri = "/v1.47/containers/create?name=web",
            RequestBody = bytes,
            RequestHeaders = ImmutableDictionary<string, string>.Empty
                .Add("Content-Type", "application/json")
                .Add("Content-Length", bytes.Length.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        };
        var audit = new RecordingAudit();
        var decider = new AuthzDecider(new PolicyStore(Policy), audit, new PluginOptions(), NullLogger.Instance);
        var answer = decider.DecideAsync(message, CancellationToken.None).AsTask().GetAwaiter().GetResult();
        answer.StatusCode.Should().Be(200);
        return new SurfaceDecision("docker", answer.Reply.Allow, audit.Entries.Single().Decision, answer.Reply.Msg ?? "");
    }

    /// <summary>A Pod CREATE: the captured ordinary review with its pod edited, through decode, translate, evaluate, compose.</summary>
    public static SurfaceDecision Pod(Action<JsonObject> editPod)
    {
        var review = JsonNode.Parse(File.ReadAllBytes(FixturePath("pod-create-ordinary.admissionreview.json")))!.AsObject();
        editPod(review["request"]!["object"]!.AsObject());
        var audit = new RecordingAudit();
        var handler = new ReviewHandler(new PolicyStore(Policy), audit);
        var handled = handler.HandleAsync(JsonSerializer.SerializeToUtf8Bytes(review), CancellationToken.None).GetAwaiter().GetResult();
        handled.StatusCode.Should().Be(200);
        var answer = handled.Answer!;
        return new SurfaceDecision("kubernetes", answer.Allowed, audit.Entries.Single().Decision, Encoding.UTF8.GetString(AnswerWriter.ToBytes(answer)));
    }

    /// <summary>
    /// The createRuntime hook on a captured Docker config.json (edited), in a temp bundle, against
    /// the capture host's view (CapturedHost: the capture's netns paths do not exist here).
    /// </summary>
    public static SurfaceDecision Oci(string capture, Action<JsonObject>? edit = null)
    {
        var config = JsonNode.Parse(File.ReadAllBytes(FixturePath(capture + ".config.json")))!.AsObject();
        edit?.Invoke(config);
        var bundle = Directory.CreateTempSubdirectory("dg-equivalence-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(bundle, "config.json"), config.ToJsonString());
            var state = new JsonObject { ["ociVersion"] = "1.0.2", ["id"] = CapturedId(config), ["status"] = "creating", ["pid"] = 4242, ["bundle"] = bundle };
            var audit = new RecordingAudit();
            var hook = new CreateRuntimeHook(new CapturedHost(), new HookSettings(), Policy, audit);
            using var stdin = new MemoryStream(Encoding.UTF8.GetBytes(state.ToJsonString()));
            var result = hook.Run(stdin);
            return new SurfaceDecision("oci", result.ExitCode == 0, audit.Entries.Single().Decision, result.ErrorLine ?? "");
        }
        finally
        {
            Directory.Delete(bundle, true);
        }
    }

    /// <summary>The id the engine gave the captured container: it names the container's own
    /// files (…/containers/&lt;id&gt;/hostname), which the hook tells apart from host mounts by it.</summary>
    private static string CapturedId(JsonObject config) =>
        Regex.Match(config.ToJsonString(), "containers/([0-9a-f]{64})/") is { Success: true } m ? m.Groups[1].Value : new string('e', 64);
}
