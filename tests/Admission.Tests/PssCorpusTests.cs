using System.Text.Json.Nodes;
using DockerGuard.Admission.Tests.Support;
using YamlDotNet.RepresentationModel;

namespace DockerGuard.Admission.Tests;

/// <summary>
/// PSS exactness: every Pod of Corpus/pss-corpus.yaml goes through the real AdmissionReview path
/// (decode, translate, evaluate) under the PSS baseline and restricted policies, and must get the
/// verdict Kubernetes' pod-security-admission gives (kubernetes-admission.md §6, latest version).
/// </summary>
public class PssCorpusTests
{
    public sealed record CorpusCase(string Name, string Check, bool BaselinePass, bool RestrictedPass, JsonObject Pod)
    {
        public override string ToString() => Name;
    }

    private static readonly Lazy<IReadOnlyList<CorpusCase>> Corpus = new(Load);

    public static TheoryData<CorpusCase> Cases() => [.. Corpus.Value];

    [Theory]
    [MemberData(nameof(Cases))]
    public void Baseline_verdict_matches_kubernetes(CorpusCase c) => Verdict(c, PssPolicy.Baseline(), c.BaselinePass, "baseline");

    [Theory]
    [MemberData(nameof(Cases))]
    public void Restricted_verdict_matches_kubernetes(CorpusCase c) => Verdict(c, PssPolicy.Restricted(), c.RestrictedPass, "restricted");

    [Fact]
    public void Every_pss_check_has_a_rule_and_pass_and_fail_cases()
    {
        foreach (var check in PssPolicy.BaselineChecks.Concat(PssPolicy.RestrictedChecks))
        {
            PssPolicy.RulesFor(check).Should().NotBeEmpty($"PSS check {check} needs a catalogue rule that references it");
            var cases = Corpus.Value.Where(c => c.Check == check).ToList();
            var isRestricted = PssPolicy.RestrictedChecks.Contains(check);
            cases.Should().Contain(c => isRestricted ? !c.RestrictedPass : !c.BaselinePass, $"{check} needs a failing case");
            cases.Should().Contain(c => isRestricted ? c.RestrictedPass : c.BaselinePass, $"{check} needs a passing case");
        }
    }

    private static void Verdict(CorpusCase c, Policy.Evaluation.PolicyStore policy, bool expectPass, string level)
    {
        var handled = Engine.Handle(Fixture.PodCreate(c.Pod, "pss-" + c.Name.Replace(' ', '-')), policy);
        var response = Envelope.Verify(handled, "pss-" + c.Name.Replace(' ', '-'));
        var allowed = response.GetProperty("allowed").GetBoolean();
        var why = allowed ? "" : response.GetProperty("status").GetProperty("message").GetString();
        allowed.Should().Be(expectPass, $"PSS {level} {(expectPass ? "allows" : "forbids")} '{c.Name}' ({c.Check}); DockerGuard said: {why}");
    }

    private static IReadOnlyList<CorpusCase> Load()
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Corpus", "pss-corpus.yaml"))));
        var root = (JsonObject)YamlJson.Convert(stream.Documents[0].RootNode)!;
        return [.. root["cases"]!.AsArray().Select(n =>
        {
            var o = n!.AsObject();
            return new CorpusCase(
                o["name"]!.GetValue<string>(), o["check"]!.GetValue<string>(),
                o["baseline"]!.GetValue<string>() == "pass", o["restricted"]!.GetValue<string>() == "pass",
                PodOf(o["metadata"]?.AsObject(), o["spec"]?.AsObject()));
        })];
    }

    /// <summary>The restricted-compliant base pod with the case merged in (JSON merge patch; container lists merge per element onto the base container).</summary>
    private static JsonObject PodOf(JsonObject? metadata, JsonObject? spec)
    {
        var pod = new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Pod",
            ["metadata"] = new JsonObject { ["name"] = "corpus", ["namespace"] = "default" },
            ["spec"] = new JsonObject
            {
                ["securityContext"] = new JsonObject { ["runAsNonRoot"] = true, ["seccompProfile"] = new JsonObject { ["type"] = "RuntimeDefault" } },
                ["containers"] = new JsonArray(BaseContainer("app")),
            },
        };
        if (metadata is not null) Merge(pod["metadata"]!.AsObject(), metadata);
        if (spec is not null) Merge(pod["spec"]!.AsObject(), spec);
        return pod;
    }

    private static JsonObject BaseContainer(string name) => new()
    {
        ["name"] = name,
        ["image"] = "registry.example/app:1.0",
        ["securityContext"] = new JsonObject { ["allowPrivilegeEscalation"] = false, ["capabilities"] = new JsonObject { ["drop"] = new JsonArray("ALL") } },
    };

    private static void Merge(JsonObject target, JsonObject patch)
    {
        foreach (var (key, value) in patch.ToList())
        {
            if (value is null) target.Remove(key);
            else if (key is "containers" or "initContainers" or "ephemeralContainers")
                target[key] = new JsonArray([.. value.AsArray().Select(c =>
                {
                    var patchC = c!.AsObject();
                    var merged = BaseContainer(patchC["name"]?.GetValue<string>() ?? "app");
                    Merge(merged, patchC);
                    return (JsonNode)merged;
                })]);
            else if (value is JsonObject o && target[key] is JsonObject t) Merge(t, o);
            else target[key] = value.DeepClone();
        }
    }
}
