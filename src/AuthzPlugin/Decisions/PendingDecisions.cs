using System.Security.Cryptography;
using System.Text;
using DockerGuard.AuthzPlugin.Routing;
using DockerGuard.AuthzPlugin.Translation;

namespace DockerGuard.AuthzPlugin.Decisions;

/// <summary>An AuthZReq decision waiting for its AuthZRes.</summary>
public sealed record PendingDecision(string? DecisionId, EngineRouteKind Route, RememberedContainer? Remember);

/// <summary>
/// AuthZRes carries no request id: it repeats the request's method, URI and body. Decisions wait
/// here under a fingerprint of those (SHA-256, so no body is kept), oldest first, bounded: a response
/// that never comes (the client hung up) costs one slot until it ages out.
/// </summary>
public sealed class PendingDecisions(int capacity = 8192)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Queue<PendingDecision>> _byKey = new(StringComparer.Ordinal);
    private readonly Queue<string> _order = new();

    public static string Fingerprint(string method, string uri, byte[]? body)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(body ?? [], hash);
        return new StringBuilder(method.Length + uri.Length + 34).Append(method).Append(' ').Append(uri).Append(' ')
            .Append(Convert.ToHexString(hash[..12])).ToString();
    }

    public void Add(string key, PendingDecision decision)
    {
        lock (_gate)
        {
            if (!_byKey.TryGetValue(key, out var q)) _byKey[key] = q = new Queue<PendingDecision>(1);
            q.Enqueue(decision);
            _order.Enqueue(key);
            while (_order.Count > capacity) Drop(_order.Dequeue());
        }
    }

    public PendingDecision? Take(string key)
    {
        lock (_gate)
        {
            if (!_byKey.TryGetValue(key, out var q) || q.Count == 0) return null;
            var d = q.Dequeue();
            if (q.Count == 0) _byKey.Remove(key);
            return d;
        }
    }

    private void Drop(string key)
    {
        if (!_byKey.TryGetValue(key, out var q)) return;
        q.TryDequeue(out _);
        if (q.Count == 0) _byKey.Remove(key);
    }
}
