using System.Text;
using DockerGuard.OciHook.Host;
using DockerGuard.Policy.Files;

namespace DockerGuard.OciHook.Hook;

/// <summary>
/// The policy version's SHA-256, remembered between hook runs. Hashing is the only reason the hook would
/// load OpenSSL, which costs it about 1.5 ms of CPU per container (docs/performance.md). The cache holds the
/// exact canonical text it hashed, and answers only for that same text, so a changed policy can never get
/// a stale version. It cannot allow anything either: the rules always come from the YAML just parsed, the
/// cache only labels them. A file anyone but root (or the hook's user) could have written is ignored
/// (<see cref="TrustedFile"/>), and so is a damaged one; every failure falls back to hashing.
/// </summary>
public sealed class PolicyHashCache(string path)
{
    private const string Header = "dockerguard policy-version cache 1\n";
    private const int MaxBytes = 16 << 20;
    private const int HashLength = 7 + 64; // "sha256:" + 64 hex digits

    public string Path { get; } = path;

    /// <summary>For <see cref="PolicyDirectory.Load"/>: the cached version of <paramref name="canonicalText"/>, or its SHA-256, which is then cached.</summary>
    public string Hash(string canonicalText)
    {
        if (Cached(canonicalText) is { } hit) return hit;
        var hash = PolicyCompiler.Sha256(canonicalText);
        Store(canonicalText, hash);
        return hash;
    }

    private string? Cached(string canonicalText)
    {
        if (TrustedFile.Read(Path, MaxBytes) is not { } bytes) return null;
        string text;
        try
        {
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
        if (!text.StartsWith(Header, StringComparison.Ordinal) || text.Length < Header.Length + HashLength + 1 || text[Header.Length + HashLength] != '\n')
            return null;
        var hash = text.Substring(Header.Length, HashLength);
        if (!hash.StartsWith("sha256:", StringComparison.Ordinal) || hash.AsSpan(7).ContainsAnyExcept("0123456789abcdef")) return null;
        return text.AsSpan(Header.Length + HashLength + 1).SequenceEqual(canonicalText) ? hash : null;
    }

    /// <summary>Best effort: a temp file (0600, created exclusively) renamed over the cache, so a reader sees the old or the new one whole.</summary>
    private void Store(string canonicalText, string hash)
    {
        var temp = $"{Path}.{Environment.ProcessId}.tmp";
        try
        {
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            using (var file = new FileStream(temp, new FileStreamOptions
            {
                Mode = FileMode.CreateNew,
                Access = FileAccess.Write,
                UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
            }))
                file.Write(Encoding.UTF8.GetBytes(Header + hash + "\n" + canonicalText));
            File.Move(temp, Path, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            try { File.Delete(temp); } catch (Exception d) when (d is IOException or UnauthorizedAccessException) { }
        }
    }
}
