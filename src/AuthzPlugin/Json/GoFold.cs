using System.Text;

namespace DockerGuard.AuthzPlugin.Json;

/// <summary>
/// Go encoding/json's field-name matching: Unicode simple case folding (bytes.EqualFold; since
/// Go 1.21 foldName maps every rune to the smallest rune of its fold orbit). Two non-ASCII runes
/// fold onto ASCII letters that Docker field names use: U+212A KELVIN SIGN onto K and U+017F
/// LATIN SMALL LETTER LONG S onto S. .NET's OrdinalIgnoreCase and System.Text.Json's
/// case-insensitive option do not, which is why bodies are matched here (reference §7.1).
/// </summary>
public static class GoFold
{
    /// <summary>True when Go would match <paramref name="key"/> to the ASCII field <paramref name="field"/>.</summary>
    public static bool Matches(string key, string field)
    {
        var k = 0;
        foreach (var c in field)
        {
            if (k >= key.Length) return false;
            var r = key[k++];
            if (r == c) continue;
            if (Fold(r) != Fold(c)) return false;
        }
        return k == key.Length;
    }

    /// <summary>True when the key contains a rune that only matches through non-ASCII folding.</summary>
    public static bool HasNonAsciiFold(string key)
    {
        foreach (var c in key)
            if (c is '\u212A' or '\u017F') return true;
        return false;
    }

    /// <summary>The key folded as Go folds it, for duplicate detection among struct keys.</summary>
    public static string Folded(string key)
    {
        var sb = new StringBuilder(key.Length);
        foreach (var rune in key.EnumerateRunes())
        {
            if (rune.IsAscii) sb.Append(char.ToUpperInvariant((char)rune.Value));
            else if (rune.Value == 0x212A) sb.Append('K');
            else if (rune.Value == 0x017F) sb.Append('S');
            else sb.Append(Rune.ToUpperInvariant(rune).ToString());
        }
        return sb.ToString();
    }

    private static char Fold(char c) => c switch
    {
        >= 'a' and <= 'z' => (char)(c - 32),
        '\u212A' => 'K',
        '\u017F' => 'S',
        _ => c,
    };
}
