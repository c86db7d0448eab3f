using BenchmarkDotNet.Running;
using DockerGuard.Policy.Benchmarks;

// dotnet run -c Release --project bench/Policy.Benchmarks                       BenchmarkDotNet, short in-process job
// dotnet run -c Release --project bench/Policy.Benchmarks -- --filter '*'      (any BenchmarkDotNet arguments)
// dotnet run -c Release --project bench/Policy.Benchmarks -- cpu               thread CPU time per decision (shared machines)
if (args is ["cpu"]) return CpuTimeRun.Run();
BenchmarkSwitcher.FromAssembly(typeof(DecisionBenchmarks).Assembly).Run(args.Length == 0 ? ["--filter", "*"] : args, new ShortInProcessConfig());
return 0;
