using System.Collections.Immutable;
using DockerGuard.Cli.Inputs;
using DockerGuard.Policy.Catalog;
using DockerGuard.Policy.Evaluation;
using DockerGuard.Policy.Files;
using YamlDotNet.RepresentationModel;

namespace DockerGuard.Cli.PolicyTests;

/// <summary>
/// Reads a <c>kind: PolicyTest</c> file (format in docs/policies.md). Top-level keys starting with
/// <c>x-</c> are ignored, as in Compose files, so a file can hold YAML anchors that cases merge
/// (<c>&lt;&lt;: *hardened</c>).
/// </summary>
public static class PolicyTestParser
{
    public static PolicyTestFile? Load(string path, Diagnostics diagnostics)
    {
        var source = new YamlSource(path, diagnostics);
        var root = YamlFile.Load(path, diagnostics);
        if (root is null) return null;
        var errorsBefore = diagnostics.Errors.Count();
        var doc = source.Map(root, "");
        if (doc is null) return null;
        PolicyFormat.CheckHeader(doc, PolicyFormat.TestKind);
        var meta = doc.Map("metadata", required: true);
        var name = meta?.String("name", required: true);
        meta?.String("description");
        meta?.RejectUnknown();
        var spec = doc.Map("spec", required: true);
        var today = spec?.Date("today");
        var cases = ImmutableArray.CreateBuilder<PolicyTestCase>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        if (spec?.Sequence("cases", required: true) is { } list)
        {
            for (var i = 0; i < list.Children.Count; i++)
            {
                if (source.Map(list.Children[i], $"spec.cases[{i}]") is not { } m) continue;
                if (Case(m, Path.GetDirectoryName(path) ?? ".") is not { } c) continue;
                if (!names.Add(c.Name)) source.Error(m.Get("name"), $"case name '{c.Name}' is used twice in this file", "give each case its own name");
                else cases.Add(c);
            }
        }
        spec?.RejectUnknown();
        doc.RejectUnknown(extensionPrefix: "x-");
        return diagnostics.Errors.Count() > errorsBefore || name is null ? null : new PolicyTestFile(path, name, today, cases.ToImmutable());
    }

    private static PolicyTestCase? Case(YamlMap m, string baseDirectory)
    {
        var name = m.String("name", required: true);
        var input = Input(m.Map("input", required: true), baseDirectory);
        var expect = m.Map("expect", required: true);
        var decision = expect?.OneOf("decision", "allow", "warn", "deny");
        if (expect is not null && expect.Get("decision") is null) expect.Required("decision", "write 'decision: allow|warn|deny'");
        var violations = RuleIds(expect, "violations");
        var exceptions = expect?.Get("exceptions") is null ? null : expect.StringList("exceptions").ToImmutableHashSet();
        var expired = expect?.Get("expiredExceptions") is null ? null : expect.StringList("expiredExceptions").ToImmutableHashSet();
        expect?.RejectUnknown();
        var covers = RuleIds(m, "covers");
        m.RejectUnknown();
        if (name is null || input is null || decision is null || violations is null || covers is null) return null;
        return new PolicyTestCase
        {
            Name = name,
            File = m.Source.File,
            Line = (int)m.Node.Start.Line,
            Input = input,
            Decision = Enum.Parse<DecisionOutcome>(decision, ignoreCase: true),
            Violations = violations,
            Covers = covers,
            Exceptions = exceptions,
            ExpiredExceptions = expired,
        };
    }

    /// <summary><c>input: {&lt;kind&gt;: ...}</c> with exactly one kind from <see cref="InputKinds"/>.</summary>
    private static Policy.Model.WorkloadRequest? Input(YamlMap? input, string baseDirectory)
    {
        if (input is null) return null;
        var kinds = input.Keys.ToList();
        var known = string.Join(", ", InputKinds.All.Select(k => k.Kind));
        if (kinds.Count != 1)
        {
            input.Source.Error(input.Node, $"{input.What} must have exactly one input kind, found {kinds.Count}", $"write one of: {known}");
            return null;
        }
        var reader = InputKinds.Find(kinds[0]);
        if (reader is null)
        {
            input.Source.Error(input.KeyNode(kinds[0]), $"unknown input kind '{kinds[0]}'", $"known kinds: {known}");
            return null;
        }
        var node = input.Get(kinds[0]);
        if (node is null)
        {
            input.Source.Error(input.KeyNode(kinds[0]), $"input '{kinds[0]}' is empty");
            return null;
        }
        return reader.Read(node, input.Source, baseDirectory);
    }

    private static ImmutableHashSet<string>? RuleIds(YamlMap? m, string key)
    {
        if (m is null) return null;
        var node = m.Get(key);
        if (node is null) return [];
        var ids = m.Source.StringList(node, m.PathOf(key));
        if (ids is null) return null;
        var ok = true;
        var seq = (YamlSequenceNode)node;
        for (var i = 0; i < ids.Value.Length; i++)
        {
            if (RuleCatalog.Find(ids.Value[i]) is not null) continue;
            var near = Suggest.Closest(ids.Value[i], RuleCatalog.All.Select(r => r.Info.Id));
            m.Source.Error(seq.Children[i], $"unknown rule '{ids.Value[i]}'", near is null ? "'dockerguard rules' lists every rule" : $"did you mean '{near}'?");
            ok = false;
        }
        return ok ? [.. ids.Value] : null;
    }
}
