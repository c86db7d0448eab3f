using DockerGuard.Cli.Output;
using DockerGuard.Policy.Catalog;

namespace DockerGuard.Cli.Commands;

/// <summary><c>dockerguard rules</c>: the rule catalogue as a table, JSON, or the Markdown of docs/rules.md.</summary>
public sealed class RulesCommand : ICliCommand
{
    public IReadOnlyList<string> Words { get; } = ["rules"];
    public string Summary => "list every rule with its default action and references";
    public string Usage => $"dockerguard rules [--output table|json|markdown]\n  docs/rules.md is: {RulesMarkdown.RegenerateCommand}";

    public Task<int> RunAsync(string[] args, CliContext context, CancellationToken cancellationToken)
    {
        var a = CliArgs.Parse(args);
        var format = OutputFormats.Read(a, "table", "json", "markdown");
        a.RejectUnknown();
        if (a.Positionals.Count > 0) throw new CliUsageException("takes no arguments; for one rule use 'dockerguard explain RULE'");
        var rules = RuleCatalog.All.ToList();
        switch (format)
        {
            case OutputFormat.Markdown:
                context.Out.Write(RulesMarkdown.Render(rules));
                break;
            case OutputFormat.Json:
                JsonOutput.Write(context.Out, json =>
                {
                    json.WriteStartArray();
                    foreach (var r in rules) RuleJson.Write(json, r.Info);
                    json.WriteEndArray();
                });
                break;
            default:
                Table(rules.Select(r => r.Info).ToList(), context.Out);
                break;
        }
        return Task.FromResult(ExitCodes.Ok);
    }

    private static void Table(List<RuleInfo> rules, TextWriter o)
    {
        var idWidth = Math.Max(2, rules.Count == 0 ? 0 : rules.Max(r => r.Id.Length));
        o.WriteLine($"{"ID".PadRight(idWidth)}  {"DEFAULT",-7}  {"CIS",-9}  {"STIG",-9}  {"PSS",-28}  TITLE");
        foreach (var r in rules)
        {
            var cis = r.References.CisV12 is null ? "" : $"{r.References.CisV12}/{r.References.CisV16}";
            o.WriteLine($"{r.Id.PadRight(idWidth)}  {RuleFacts.Action(r.DefaultAction),-7}  {cis,-9}  {r.References.Stig,-9}  {RuleFacts.Pss(r.References),-28}  {r.Title}");
        }
        o.WriteLine($"{rules.Count} rules; CIS ids as v1.2/v1.6. 'dockerguard explain RULE' for details.");
    }
}
