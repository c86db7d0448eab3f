using DockerGuard.Cli;

return await CliApp.RunAsync(args, CliContext.Console, CancellationToken.None);
