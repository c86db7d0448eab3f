using System.Text;

namespace DockerGuard.AuthzPlugin.Translation;

/// <summary>
/// Capability names normalised as dockerd does (NormalizeLegacyCapabilities): Go strings.ToUpper,
/// which maps by Unicode simple case mapping (U+0131 'ı' becomes 'I', U+017F 'ſ' becomes 'S'), then
/// the <c>CAP_</c> prefix; the model keeps the name without it. "ALL" stays "ALL".
/// </summary>
public static class CapabilityName
{
    public static string Normalize(string raw)
    {
        var sb = new StringBuilder(raw.Length);
        foreach (var rune in raw.EnumerateRunes()) sb.Append(GoToUpper(rune).ToString());
        var upper = sb.ToString();
        return upper.StartsWith("CAP_", StringComparison.Ordinal) ? upper[4..] : upper;
    }

    /// <summary>
    /// unicode.ToUpper for what can matter: the only non-ASCII runes whose upper case is ASCII are
    /// U+0131 (→ I) and U+017F (→ S). .NET's invariant-globalization casing leaves them alone, so they
    /// are mapped here; any other non-ASCII rune cannot produce a known capability name either way.
    /// </summary>
    private static Rune GoToUpper(Rune r) => r.Value switch
    {
        0x0131 => new Rune('I'),
        0x017F => new Rune('S'),
        _ => Rune.ToUpperInvariant(r),
    };
}
