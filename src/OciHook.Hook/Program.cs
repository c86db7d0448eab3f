using DockerGuard.OciHook.Hook;

return HookProgram.Run(args, Console.OpenStandardInput(), Console.OpenStandardError(), Environment.GetEnvironmentVariable);
