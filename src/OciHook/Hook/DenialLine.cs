using System.Text;
using DockerGuard.Policy.Catalog;

namespace DockerGuard.OciHook.Hook;

/// <summary>
/// The one line the hook writes on stderr. runc folds the hook's stdout and stderr into the error the
/// user sees (oci-hooks.md §6), so it must be a single, self-contained line:
/// <c>dockerguard: denied &lt;short id&gt;: &lt;rule id&gt;: &lt;field&gt; &lt;detail&gt;</c>, one clause per rule
/// joined by "; ". A privileged config grants some 40 capabilities; listing each would bury the other
/// rules, so a rule shows its first violation and how many more it found.
/// </summary>
public static class DenialLine
{
    private const int MaxChars = 2000;

    public static string Denied(string shortId, IEnumerable<Violation> denials)
    {
        var sb = new StringBuilder("dockerguard: denied ").Append(shortId).Append(": ");
        var byRule = denials.GroupBy(v => v.RuleId, StringComparer.Ordinal).ToList();
        for (var i = 0; i < byRule.Count; i++)
        {
            var first = byRule[i].First();
            var more = byRule[i].Count() - 1;
            var clause = $"{first.RuleId}: {first.FieldPath} {first.Detail}" + (more > 0 ? $" (+{more} more)" : "");
            var sep = i == 0 ? "" : "; ";
            if (sb.Length + sep.Length + clause.Length > MaxChars)
            {
                sb.Append(sep).Append("and ").Append(byRule.Count - i).Append(" more rules");
                break;
            }
            sb.Append(sep).Append(clause);
        }
        return OneLine(sb.ToString());
    }

    public static string Error(string shortId, string message) => OneLine($"dockerguard: error {shortId}: {message}");

    private static string OneLine(string s) => s.ReplaceLineEndings(" ");
}
