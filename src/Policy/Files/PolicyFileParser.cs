using System.Collections.Immutable;
using DockerGuard.Policy.Catalog;
using DockerGuard.Policy.Evaluation;
using DockerGuard.Policy.Model;
using YamlDotNet.RepresentationModel;

namespace DockerGuard.Policy.Files;

/// <summary>
/// Reads a <c>kind: Policy</c> file into a <see cref="PolicyDocument"/>. Every problem becomes a
/// diagnostic at its line and column; a file with any error yields no document, so nothing half
/// read is ever compiled. The format is described in docs/policies.md.
/// </summary>
public static class PolicyFileParser
{
    public static PolicyDocument? Load(string path, Diagnostics diagnostics, string? displayName = null)
    {
        var source = new YamlSource(displayName ?? path, diagnostics);
        var root = YamlFile.Load(path, diagnostics, source.File);
        return root is null ? null : Parse(root, source);
    }

    public static PolicyDocument? Parse(YamlNode root, YamlSource source)
    {
        var errorsBefore = source.Diagnostics.Errors.Count();
        var doc = source.Map(root, "");
        if (doc is null) return null;
        PolicyFormat.CheckHeader(doc, PolicyFormat.PolicyKind);

        var meta = doc.Map("metadata", required: true);
        var name = meta?.String("name", required: true);
        var description = meta?.String("description") ?? "";
        meta?.RejectUnknown();

        var spec = doc.Map("spec", required: true);
        var scope = ReadScope(spec?.Map("scope"));
        var defaults = spec?.OneOf("defaults", "none", "catalog") == "catalog" ? UnlistedRules.Catalog : UnlistedRules.None;
        var rules = ReadRules(spec?.Map("rules"));
        var exceptions = PolicyExceptionParser.ReadAll(spec?.Sequence("exceptions"), source, out var exceptionsAt);
        spec?.RejectUnknown();
        doc.RejectUnknown();

        if (source.Diagnostics.Errors.Count() > errorsBefore || name is null) return null;
        var document = new PolicyDocument
        {
            File = source.File,
            Name = name,
            Description = description,
            Scope = scope,
            Defaults = defaults,
            Rules = rules,
            Exceptions = exceptions,
            ExceptionsAt = exceptionsAt,
            NameAt = meta!.Get("name")!.Start,
            Canonical = CanonicalYaml.Write(root),
        };
        WarnAboutIdleExceptions(document, spec!.Sequence("exceptions")!, source);
        return document;
    }

    private static Scope ReadScope(YamlMap? scope)
    {
        if (scope is null) return Scope.Everything;
        var surfaces = ImmutableArray.CreateBuilder<Surface>();
        if (scope.Sequence("surfaces") is { } list)
        {
            foreach (var item in list.Children)
            {
                var s = scope.Source.OneOf(item, "each item of spec.scope.surfaces", "docker", "kubernetes", "oci");
                if (s is not null) surfaces.Add(Enum.Parse<Surface>(s, ignoreCase: true));
            }
        }
        var result = new Scope
        {
            Surfaces = surfaces.ToImmutable(),
            Namespaces = scope.StringList("namespaces"),
            Images = scope.StringList("images"),
            Users = scope.StringList("users"),
        };
        scope.RejectUnknown();
        return result;
    }

    private static ImmutableArray<RuleSetting> ReadRules(YamlMap? rules)
    {
        if (rules is null) return [];
        var settings = new List<RuleSetting>();
        foreach (var id in rules.Keys.ToList())
        {
            var node = rules.Get(id);
            var keyNode = rules.KeyNode(id);
            var rule = RuleCatalog.Find(id);
            if (rule is null)
            {
                var near = Suggest.Closest(id, RuleCatalog.All.Select(r => r.Info.Id));
                rules.Source.Error(keyNode, $"unknown rule '{id}'",
                    near is not null ? $"did you mean '{near}'? 'dockerguard rules' lists every rule" : "'dockerguard rules' lists every rule");
                continue;
            }
            if (node is null)
            {
                rules.Source.Error(keyNode, $"rule '{id}' has no setting", "write 'action: deny|warn|audit|off' under it");
                continue;
            }
            if (ReadRule(rule, node, rules.Source) is { } s) settings.Add(s);
        }
        return [.. settings.OrderBy(s => s.Rule.Info.Id, StringComparer.Ordinal)];
    }

    /// <summary><c>id: {action: warn, parameters: {...}}</c>, or the shorthand <c>id: warn</c>.</summary>
    private static RuleSetting? ReadRule(Rule rule, YamlNode node, YamlSource source)
    {
        var id = rule.Info.Id;
        if (node is YamlScalarNode)
        {
            var a = ReadAction(node, source, $"spec.rules.{id}");
            return a is null ? null : new RuleSetting(rule, a.Value, RuleParameters.Defaults(rule.Info));
        }
        var map = source.Map(node, $"spec.rules.{id}");
        if (map is null) return null;
        var actionNode = map.Required("action", "write 'action: deny|warn|audit|off'");
        var action = actionNode is null ? null : ReadAction(actionNode, source, $"spec.rules.{id}.action");
        var parameters = RuleParameterReader.Read(rule.Info, map.Map("parameters"), source);
        map.RejectUnknown();
        return action is null || parameters is null ? null : new RuleSetting(rule, action.Value, parameters);
    }

    private static RuleAction? ReadAction(YamlNode node, YamlSource source, string what) =>
        source.OneOf(node, what, "deny", "warn", "audit", "off") switch
        {
            "deny" => RuleAction.Deny,
            "warn" => RuleAction.Warn,
            "audit" => RuleAction.Audit,
            "off" => RuleAction.Off,
            _ => null,
        };

    /// <summary>An exception naming a rule the policy does not run has no effect: most likely a mistake.</summary>
    private static void WarnAboutIdleExceptions(PolicyDocument document, YamlSequenceNode? list, YamlSource source)
    {
        if (list is null) return;
        var enabled = document.EffectiveRules().Where(r => r.Action != RuleAction.Off).Select(r => r.Rule.Info.Id).ToHashSet(StringComparer.Ordinal);
        for (var i = 0; i < document.Exceptions.Length; i++)
            foreach (var id in document.Exceptions[i].Rules)
                if (id != "*" && !enabled.Contains(id))
                    source.Warning(list.Children[i], $"exception '{document.Exceptions[i].Name}' covers rule '{id}', which policy '{document.Name}' does not run",
                        "enable the rule in this policy or remove it from the exception");
    }
}
