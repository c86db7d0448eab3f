using System.Text.RegularExpressions;
using DockerGuard.Admission.Manifests;
using YamlDotNet.RepresentationModel;

namespace DockerGuard.Admission.Tests;

/// <summary>
/// No helm binary can run here, so the chart's structure is tested directly: every value a
/// template reads exists in values.yaml with the documented default, every value is documented,
/// and the chart declares the same objects and webhook rules as <c>webhook manifests</c>
/// (whose output is parsed as Kubernetes objects in <see cref="ManifestTests"/>).
/// </summary>
public partial class ChartTests
{
    private static string ChartDir => Path.Combine(AppContext.BaseDirectory, "charts", "dockerguard");

    private static IEnumerable<(string File, string Text)> Templates =>
        Directory.GetFiles(Path.Combine(ChartDir, "templates")).Select(f => (Path.GetFileName(f), File.ReadAllText(f)));

    private static YamlMappingNode Values()
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(File.ReadAllText(Path.Combine(ChartDir, "values.yaml"))));
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }

    [GeneratedRegex(@"\.Values((?:\.[A-Za-z0-9_]+)+)")]
    private static partial Regex ValuesReference();

    private static HashSet<string> References() =>
        Templates.SelectMany(t => ValuesReference().Matches(t.Text).Select(m => m.Groups[1].Value.TrimStart('.'))).ToHashSet();

    private static YamlNode? Lookup(YamlMappingNode root, string path)
    {
        YamlNode node = root;
        foreach (var part in path.Split('.'))
        {
            if (node is not YamlMappingNode map || !map.Children.TryGetValue(new YamlScalarNode(part), out var child)) return null;
            node = child;
        }
        return node;
    }

    [Fact]
    public void Every_value_a_template_reads_exists_in_values_yaml()
    {
        var values = Values();
        var references = References();
        references.Should().NotBeEmpty();
        foreach (var r in references)
            Lookup(values, r).Should().NotBeNull($".Values.{r} is used by a template but missing from values.yaml");
    }

    [Fact]
    public void Every_top_level_value_is_used_and_documented()
    {
        var readme = File.ReadAllText(Path.Combine(ChartDir, "README.md"));
        var references = References();
        foreach (var key in Values().Children.Keys.Select(k => ((YamlScalarNode)k).Value!))
        {
            references.Should().Contain(r => r == key || r.StartsWith(key + "."), $"values.yaml key '{key}' is never used");
            readme.Should().Contain($"`{key}", $"values.yaml key '{key}' is not documented in the chart README");
        }
    }

    [Theory]
    [InlineData("replicaCount", "2")]
    [InlineData("webhook.failurePolicy", "Fail")]
    [InlineData("webhook.timeoutSeconds", "5")]
    [InlineData("podDisruptionBudget.minAvailable", "1")]
    [InlineData("controllers", "deny")]
    [InlineData("certificates.certManager.enabled", "false")]
    public void Safe_defaults(string path, string expected) =>
        ((YamlScalarNode)Lookup(Values(), path)!).Value.Should().Be(expected);

    [Fact]
    public void Chart_declares_the_same_kinds_as_the_plain_manifests()
    {
        var chartKinds = Templates.SelectMany(t => Regex.Matches(t.Text, @"^kind: (\w+)", RegexOptions.Multiline).Select(m => m.Groups[1].Value)).ToHashSet();
        var manifestKinds = WebhookManifests.Build(ManifestTests.Settings()).Select(o => o.Kind).Where(k => k != "Namespace");
        chartKinds.Should().Contain(manifestKinds);
        chartKinds.Should().Contain(["Certificate", "Issuer", "Job", "ClusterRole", "ClusterRoleBinding"]);
    }

    [Fact]
    public void Webhook_template_registers_what_the_manifests_register()
    {
        var webhook = File.ReadAllText(Path.Combine(ChartDir, "templates", "webhook.yaml"));
        var config = WebhookManifests.Build(ManifestTests.Settings()).OfType<k8s.Models.V1ValidatingWebhookConfiguration>().Single();
        foreach (var hook in config.Webhooks)
        {
            webhook.Should().Contain($"name: {hook.Name}");
            foreach (var rule in hook.Rules)
                webhook.Should().Contain($"resources: [{string.Join(", ", rule.Resources.Select(r => $"\"{r}\""))}]");
        }
        webhook.Should().Contain("sideEffects: None").And.Contain("admissionReviewVersions: [\"v1\"]").And.Contain("key: kubernetes.io/metadata.name")
            .And.Contain("- {{ .Release.Namespace }}").And.Contain("genCA").And.Contain("genSignedCert").And.Contain("cert-manager.io/inject-ca-from");
        webhook.Should().NotContain("objectSelector", "labels a tenant can set must never exempt anything");
    }

    [Fact]
    public void Deployment_template_is_hardened()
    {
        var d = File.ReadAllText(Path.Combine(ChartDir, "templates", "deployment.yaml"));
        d.Should().Contain("runAsNonRoot: true").And.Contain("readOnlyRootFilesystem: true").And.Contain("allowPrivilegeEscalation: false")
            .And.Contain("type: RuntimeDefault").And.Contain("- ALL").And.Contain("podAntiAffinity").And.Contain("resources:");
    }

    [Fact]
    public void Pre_delete_hook_deletes_the_webhook_configuration()
    {
        var job = File.ReadAllText(Path.Combine(ChartDir, "templates", "pre-delete-cleanup.yaml"));
        job.Should().Contain("helm.sh/hook: pre-delete").And.Contain("\"delete\", \"validatingwebhookconfiguration\"").And.Contain("verbs: [\"get\", \"delete\"]");
    }

    [Fact]
    public void Templates_balance_their_actions()
    {
        foreach (var (file, text) in Templates)
        {
            var opens = Regex.Matches(text, @"\{\{-?\s*(if|range|with|define)\b").Count;
            var ends = Regex.Matches(text, @"\{\{-?\s*end\b").Count;
            ends.Should().Be(opens, $"{file} has unbalanced if/range/with/define");
            Regex.Matches(text, @"\{\{").Count.Should().Be(Regex.Matches(text, @"\}\}").Count, file);
        }
    }
}
