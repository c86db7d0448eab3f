namespace DockerGuard.Cli;

/// <summary>Every command of <c>dockerguard</c>. Adding a command: one file in Commands/ and one line here.</summary>
public static class CommandTable
{
    public static IReadOnlyList<ICliCommand> All { get; } =
    [
        new Commands.VersionCommand(),
        new Commands.ServeCommand(),
        new Commands.WebhookServeCommand(),
        new Commands.WebhookManifestsCommand(),
        new Commands.PolicyLintCommand(),
        new Commands.PolicyTestCommand(),
        new Commands.RulesCommand(),
        new Commands.ExplainCommand(),
        new Commands.AuditQueryCommand(),
        new Commands.AuditTailCommand(),
        new Commands.AuditStatsCommand(),
        new Commands.AuditExportCommand(),
        new Commands.AuditImportCommand(),
        new Commands.HookInstallCommand(),
        new Commands.HookUninstallCommand(),
    ];
}
