using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;
using DockerGuard.Policy.Catalog;
using DockerGuard.Policy.Evaluation;

namespace DockerGuard.Policy.Files;

/// <summary>
/// Turns validated policy documents into one immutable plan: a <see cref="PlanEntry"/> per enabled
/// rule per policy, in file-name order and then catalogue order, so violations come out in the same
/// order on every load.
/// </summary>
public static class PolicyCompiler
{
    /// <param name="hash">Hashes <see cref="CanonicalText"/> into the version (default <see cref="Sha256"/>); a caller
    /// that starts a process per decision may answer from a cache keyed by that exact text.</param>
    public static CompiledPolicy Compile(IReadOnlyList<PolicyDocument> documents, string? gitCommit = null, Func<string, string>? hash = null)
    {
        var ordered = documents.OrderBy(d => Path.GetFileName(d.File), StringComparer.Ordinal).ToList();
        var entries = ImmutableArray.CreateBuilder<PlanEntry>();
        foreach (var doc in ordered)
        {
            foreach (var setting in doc.EffectiveRules())
            {
                if (setting.Action == RuleAction.Off) continue;
                var exceptions = doc.Exceptions.Where(e => e.CoversRule(setting.Rule.Info.Id)).ToImmutableArray();
                entries.Add(new PlanEntry(setting.Rule.Bind(setting.Parameters), setting.Action, doc.Name, doc.Scope, exceptions));
            }
        }
        return new CompiledPolicy(entries.ToImmutable(), new PolicyVersion((hash ?? Sha256)(CanonicalText(ordered)), gitCommit), [.. ordered.Select(d => d.Name)]);
    }

    /// <summary>SHA-256 over each file's name and canonical content, in file-name order.</summary>
    public static string ContentHash(IEnumerable<PolicyDocument> documents) => Sha256(CanonicalText(documents));

    /// <summary>Each file's name and canonical content, in file-name order: what the version hashes.</summary>
    public static string CanonicalText(IEnumerable<PolicyDocument> documents)
    {
        var sb = new StringBuilder();
        foreach (var doc in documents.OrderBy(d => Path.GetFileName(d.File), StringComparer.Ordinal))
            sb.Append(Path.GetFileName(doc.File)).Append('\n').Append(doc.Canonical).Append('\n');
        return sb.ToString();
    }

    public static string Sha256(string canonicalText) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonicalText)));
}
