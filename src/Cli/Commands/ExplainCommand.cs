using DockerGuard.Cli.Output;
using DockerGuard.Policy.Catalog;
using DockerGuard.Policy.Files;

namespace DockerGuard.Cli.Commands;

/// <summary><c>dockerguard explain RULE</c>: what a rule checks, why, how to fix a violation and how to configure it.</summary>
public sealed class ExplainCommand : ICliCommand
{
    public IReadOnlyList<string> Words { get; } = ["explain"];
    public string Summary => "explain one rule: rationale, remediation, references, parameters";
    public string Usage => "dockerguard explain RULE [--output text|json]";

    public Task<int> RunAsync(string[] args, CliContext context, CancellationToken cancellationToken)
    {
        var a = CliArgs.Parse(args);
        var format = OutputFormats.Read(a, "text", "json");
        a.RejectUnknown();
        if (a.Positionals.Count != 1) throw new CliUsageException("name exactly one rule id ('dockerguard rules' lists them)");
        var id = a.Positionals[0];
        var rule = RuleCatalog.Find(id);
        if (rule is null)
        {
            var near = Suggest.Closest(id, RuleCatalog.All.Select(r => r.Info.Id));
            throw new CliUsageException(near is null ? $"no rule '{id}'; 'dockerguard rules' lists them" : $"no rule '{id}'; did you mean '{near}'?");
        }
        if (format == OutputFormat.Json) JsonOutput.Write(context.Out, json => RuleJson.Write(json, rule.Info));
        else Text(rule.Info, context.Out);
        return Task.FromResult(ExitCodes.Ok);
    }

    private static void Text(RuleInfo r, TextWriter o)
    {
        o.WriteLine($"{r.Id}: {r.Title}");
        o.WriteLine();
        o.WriteLine($"Why:        {r.Rationale}");
        o.WriteLine($"Fix:        {r.Remediation}");
        o.WriteLine($"Default:    {RuleFacts.Action(r.DefaultAction)}");
        o.WriteLine($"Surfaces:   {RuleFacts.Surfaces(r)}");
        if (r.References.CisV12 is not null) o.WriteLine($"CIS:        Docker Benchmark {r.References.CisV12} (v1.2), {r.References.CisV16} (v1.6)");
        if (r.References.Stig is not null) o.WriteLine($"STIG:       {r.References.Stig}");
        if (r.References.PssCheck is not null) o.WriteLine($"PSS:        {RuleFacts.Pss(r.References)}");
        foreach (var p in r.Parameters)
            o.WriteLine($"Parameter:  {p.Name} ({RuleParameterReader.TypeName(p.Type)}, default {RuleFacts.Default(p)}): {p.Description}");
        o.WriteLine();
        o.WriteLine("In a policy (spec.rules):");
        o.WriteLine($"  {r.Id}:");
        o.WriteLine($"    action: {RuleFacts.Action(r.DefaultAction)}   # deny | warn | audit | off");
        if (r.Parameters.IsEmpty) return;
        o.WriteLine("    parameters:");
        foreach (var p in r.Parameters) o.WriteLine($"      {p.Name}: {RuleFacts.Default(p)}");
    }
}
