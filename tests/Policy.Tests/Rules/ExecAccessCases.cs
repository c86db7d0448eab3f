using DockerGuard.Policy.Model;
using DockerGuard.Policy.Tests.Support;

namespace DockerGuard.Policy.Tests.Rules;

public sealed class ExecAccessCases : RuleCases
{
    public override string RuleId => "exec-access";

    /// <summary>pods/exec (or attach) CONNECT as the webhook translates it.</summary>
    private static WorkloadRequest Connect(string ns, string user, string[]? groups = null, Operation operation = Operation.Exec) => new()
    {
        Surface = Surface.Kubernetes,
        Operation = operation,
        Subject = new Subject { User = user, Groups = [.. groups ?? ["system:authenticated"]] },
        Resource = new ResourceRef { Kind = "Pod", Namespace = ns, Name = "coredns-7d" },
        Exec = new ExecRequest { Container = "coredns", Command = ["sh"], Tty = true, Stdin = true },
    };

    public override IEnumerable<RuleCase> Deny =>
    [
        new("kubectl exec into kube-system by a developer", Connect("kube-system", "alice"), "request.namespace"),
        new("kubectl attach into kube-system by a developer", Connect("kube-system", "alice", operation: Operation.Attach), "request.namespace"),
        new("exec into DockerGuard's own namespace", Connect("dockerguard-system", "system:serviceaccount:ci:deployer"), "request.namespace"),
        new RuleCase("exec in a namespace the policy protects", Connect("payments", "alice"), "request.namespace").With("protectedNamespaces", new[] { "payments" }),
    ];

    public override IEnumerable<RuleCase> Allow =>
    [
        new("exec in an application namespace", Connect("default", "alice")),
        new("cluster admin (system:masters) in kube-system", Connect("kube-system", "admin", ["system:masters", "system:authenticated"])),
        new RuleCase("allowed on-call user", Connect("kube-system", "oncall-bob")).With("allowedUsers", new[] { "oncall-*" }),
        new RuleCase("allowed SRE group", Connect("kube-system", "carol", ["sre"])).With("allowedGroups", new[] { "sre" }),
        new("a Pod create in kube-system is not an exec", Requests.Pod(ns: "kube-system")),
    ];
}
