using DockerGuard.AuthzPlugin.Json;
using DockerGuard.Policy.Model;

namespace DockerGuard.AuthzPlugin.Translation;

/// <summary>
/// Docker Resources → <see cref="Limits"/>: 0 and -1 mean unlimited and become null (the model's
/// "no limit"); MemorySwap -1 (unlimited swap) is kept as written.
/// </summary>
public static class LimitsReader
{
    public static Limits Read(GoStruct resources) => new()
    {
        MemoryBytes = Positive(resources, "Memory"),
        MemorySwapBytes = resources.Int("MemorySwap") is { } swap and (> 0 or -1) ? Field.Of(swap, resources.PathOf("MemorySwap")) : null,
        Pids = Positive(resources, "PidsLimit"),
        CpuShares = Positive(resources, "CpuShares"),
        NanoCpus = Positive(resources, "NanoCpus"),
    };

    /// <summary>Update requests change only what they name; the rest comes from what the container had.</summary>
    public static Limits Merge(Limits current, GoStruct update)
    {
        var changed = Read(update);
        return new Limits
        {
            MemoryBytes = update.Has("Memory") && update.Int("Memory") != 0 ? changed.MemoryBytes : current.MemoryBytes,
            MemorySwapBytes = update.Has("MemorySwap") && update.Int("MemorySwap") != 0 ? changed.MemorySwapBytes : current.MemorySwapBytes,
            // PidsLimit is a pointer in UpdateConfig: present (even 0 or -1) replaces the limit.
            Pids = update.Has("PidsLimit") ? changed.Pids : current.Pids,
            CpuShares = update.Has("CpuShares") && update.Int("CpuShares") != 0 ? changed.CpuShares : current.CpuShares,
            NanoCpus = update.Has("NanoCpus") && update.Int("NanoCpus") != 0 ? changed.NanoCpus : current.NanoCpus,
        };
    }

    private static Field<long>? Positive(GoStruct s, string field) =>
        s.Int(field) is > 0 and var v ? Field.Of(v, s.PathOf(field)) : null;
}
