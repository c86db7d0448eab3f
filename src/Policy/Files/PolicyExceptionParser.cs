using System.Collections.Immutable;
using DockerGuard.Policy.Catalog;
using DockerGuard.Policy.Evaluation;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace DockerGuard.Policy.Files;

/// <summary>
/// Reads <c>spec.exceptions</c>. An exception is a reviewed decision, so it must say why
/// (reason), who answers for it (owner) and until when (expires); it must match something,
/// because an exception that matches everything is a rule turned off in disguise.
/// </summary>
public static class PolicyExceptionParser
{
    public static ImmutableArray<PolicyException> ReadAll(YamlSequenceNode? list, YamlSource source, out ImmutableDictionary<string, Mark> locations)
    {
        locations = ImmutableDictionary<string, Mark>.Empty;
        if (list is null) return [];
        var result = ImmutableArray.CreateBuilder<PolicyException>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < list.Children.Count; i++)
        {
            var map = source.Map(list.Children[i], $"spec.exceptions[{i}]");
            if (map is null || Read(map, source) is not { } ex) continue;
            if (!names.Add(ex.Name))
            {
                source.Error(map.Get("name"), $"exception name '{ex.Name}' is used twice in this policy", "give each exception its own name");
                continue;
            }
            result.Add(ex);
            locations = locations.Add(ex.Name, map.Node.Start);
        }
        return result.ToImmutable();
    }

    private static PolicyException? Read(YamlMap map, YamlSource source)
    {
        var name = map.String("name", required: true);
        var rules = ReadRuleIds(map, source);
        var reason = NonEmpty(map, "reason", "say why the exception is needed");
        var owner = NonEmpty(map, "owner", "name the team or person who answers for it");
        var expires = map.Date("expires", required: true, hint: "every exception expires; write 'expires: YYYY-MM-DD'");
        var match = map.Map("match", required: true);
        PolicyException? result = null;
        if (match is not null)
        {
            var namespaces = match.StringList("namespaces");
            var images = match.StringList("images");
            var containers = match.StringList("containers");
            var users = match.StringList("users");
            var labels = match.StringMap("labels");
            match.RejectUnknown();
            if (namespaces.IsEmpty && images.IsEmpty && containers.IsEmpty && users.IsEmpty && labels.IsEmpty)
                source.Error(match.Node, $"{match.What} matches everything",
                    "name the namespaces, images, containers, users or labels it covers; to stop enforcing a rule, set its action to off");
            // Labels and container names are written by whoever creates the workload: on their own they
            // would let any tenant opt into the exemption. They may only narrow one anchored on what the
            // platform controls (namespace, image, requesting user).
            else if (namespaces.IsEmpty && images.IsEmpty && users.IsEmpty)
                source.Error(match.Node, $"{match.What} names only labels or container names, which the workload's author sets",
                    "anchor the exception on namespaces, images or users; labels and containers can only narrow it");
            else if (name is not null && rules is not null && reason is not null && owner is not null && expires is not null)
                result = new PolicyException
                {
                    Name = name,
                    Rules = rules.Value,
                    Reason = reason,
                    Owner = owner,
                    Expires = expires,
                    Namespaces = namespaces,
                    Images = images,
                    Containers = containers,
                    Users = users,
                    Labels = labels,
                };
        }
        map.RejectUnknown();
        return result;
    }

    private static string? NonEmpty(YamlMap map, string key, string hint)
    {
        var value = map.String(key, required: true);
        if (value is not null && string.IsNullOrWhiteSpace(value))
        {
            map.Source.Error(map.Get(key), $"{map.What}.{key} is empty", hint);
            return null;
        }
        if (value is null && map.Get(key) is null) return null;
        return value;
    }

    private static ImmutableArray<string>? ReadRuleIds(YamlMap map, YamlSource source)
    {
        var node = map.Required("rules", "list the rule ids it exempts from, or [\"*\"] for every rule of this policy");
        if (node is null) return null;
        var ids = source.StringList(node, $"{map.What}.rules");
        if (ids is null) return null;
        if (ids.Value.IsEmpty)
        {
            source.Error(node, $"{map.What}.rules is empty", "list the rule ids it exempts from");
            return null;
        }
        var ok = true;
        var seq = (YamlSequenceNode)node;
        for (var i = 0; i < ids.Value.Length; i++)
        {
            var id = ids.Value[i];
            if (id == "*" || RuleCatalog.Find(id) is not null) continue;
            var near = Suggest.Closest(id, RuleCatalog.All.Select(r => r.Info.Id));
            source.Error(seq.Children[i], $"unknown rule '{id}' in {map.What}.rules",
                near is not null ? $"did you mean '{near}'? 'dockerguard rules' lists every rule" : "'dockerguard rules' lists every rule");
            ok = false;
        }
        return ok ? ids : null;
    }
}
