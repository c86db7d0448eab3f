using YamlDotNet.RepresentationModel;

namespace DockerGuard.Policy.Files;

/// <summary>
/// YAML merge keys (<c>&lt;&lt;: *base</c>), resolved on the node tree: keys written in the mapping
/// win over merged ones, as the merge-key spec says (YamlDotNet's MergingParser instead reports them
/// as duplicates). Mappings are changed in place so every node keeps its line and column; merged
/// nodes are shared with the anchor, which is fine because nothing writes to them afterwards.
/// </summary>
public static class MergeKeys
{
    private static readonly YamlScalarNode MergeKey = new("<<");

    public static void Resolve(YamlNode root) => Resolve(root, new HashSet<YamlNode>(ReferenceEqualityComparer.Instance));

    private static void Resolve(YamlNode node, HashSet<YamlNode> done)
    {
        if (!done.Add(node)) return;
        switch (node)
        {
            case YamlSequenceNode seq:
                foreach (var item in seq.Children) Resolve(item, done);
                break;
            case YamlMappingNode map:
                foreach (var value in map.Children.Values.ToList()) Resolve(value, done);
                if (!map.Children.TryGetValue(MergeKey, out var merged)) return;
                map.Children.Remove(MergeKey);
                // A list of bases merges in order: earlier bases win over later ones.
                var bases = merged is YamlSequenceNode list ? list.Children.ToList() : [merged];
                foreach (var b in bases)
                {
                    if (b is not YamlMappingNode baseMap) continue;
                    foreach (var (k, v) in baseMap.Children)
                        if (!map.Children.ContainsKey(k)) map.Children.Add(k, v);
                }
                break;
        }
    }
}
