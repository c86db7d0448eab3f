using System.Text;

namespace DockerGuard.Policy.Catalog;

/// <summary>The one place where violations become text, so every surface says the same thing.</summary>
public static class ViolationText
{
    /// <summary><c>privileged (CIS 5.4): privileged container at HostConfig.Privileged</c></summary>
    public static string What(Violation v)
    {
        var label = v.References.ShortLabel;
        var head = label is null ? v.RuleId : $"{v.RuleId} ({label})";
        return v.FieldPath.Length == 0 ? $"{head}: {v.Detail}" : $"{head}: {v.Detail} at {v.FieldPath}";
    }

    /// <summary><c>privileged (CIS 5.4): privileged container at HostConfig.Privileged; remove --privileged</c></summary>
    public static string Line(Violation v) => $"{What(v)}; {v.Remediation}";

    /// <summary>Several violations joined for a terminal: one per clause, capped so a CLI error stays readable.</summary>
    public static string Summary(IReadOnlyList<Violation> violations, int maxChars = 1024)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < violations.Count; i++)
        {
            var line = Line(violations[i]);
            var sep = sb.Length == 0 ? "" : " | ";
            if (sb.Length + sep.Length + line.Length > maxChars)
            {
                sb.Append(sep).Append($"and {violations.Count - i} more");
                break;
            }
            sb.Append(sep).Append(line);
        }
        return sb.ToString();
    }
}
