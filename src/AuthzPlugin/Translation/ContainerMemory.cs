using System.Collections.Immutable;
using DockerGuard.Policy.Model;

namespace DockerGuard.AuthzPlugin.Translation;

/// <summary>What DockerGuard learnt about a container when it allowed its creation.</summary>
public sealed record RememberedContainer(string Name, Field<string>? User, ImmutableArray<Mount> HostMounts, Limits Limits, RestartPolicy? RestartPolicy);

/// <summary>
/// Containers seen at create time, by name and by id, bounded (least recently used entries go).
/// Exec with an empty User inherits the container's Config.User, VolumesFrom inherits its mounts
/// and update changes only some limits: the translators read the rest from here. After a restart
/// of the plugin the memory is empty and translators say "unknown" rather than guess.
/// </summary>
public sealed class ContainerMemory(int capacity = 4096)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, LinkedListNode<(string Key, RememberedContainer Value)>> _index = new(StringComparer.Ordinal);
    private readonly LinkedList<(string Key, RememberedContainer Value)> _order = new();

    public void Remember(string key, RememberedContainer container)
    {
        if (key.Length == 0) return;
        lock (_gate)
        {
            if (_index.Remove(key, out var old)) _order.Remove(old);
            _index[key] = _order.AddFirst((key, container));
            while (_index.Count > capacity)
            {
                var last = _order.Last!;
                _order.RemoveLast();
                _index.Remove(last.Value.Key);
            }
        }
    }

    /// <summary>By exact name or id, then by a unique id prefix (the Engine API accepts both in paths).</summary>
    public RememberedContainer? Find(string nameOrId)
    {
        var key = nameOrId.TrimStart('/');
        lock (_gate)
        {
            if (_index.TryGetValue(key, out var node)) return node.Value.Value;
            if (key.Length < 1 || !key.All(char.IsAsciiHexDigitLower)) return null;
            RememberedContainer? match = null;
            foreach (var (k, v) in _order)
            {
                if (k.Length != 64 || !k.StartsWith(key, StringComparison.Ordinal)) continue;
                if (match is not null) return null;
                match = v;
            }
            return match;
        }
    }
}
