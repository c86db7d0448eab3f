using DockerGuard.OciHook.Wrapper;

return RuncWrapper.Run(args, Console.Error, Environment.GetEnvironmentVariable);
