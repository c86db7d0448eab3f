using BenchmarkDotNet.Running;
using DockerGuard.Policy.Benchmarks;

// dotnet run -c Release --project bench/Policy.Benchmarks                       BenchmarkDotNet, short in-process job
// dotnet run -c Release --project bench/Policy.Benchmarks -- --filter '*'      (any BenchmarkDotNet arguments)
// dotnet run -c Release --project bench/Policy.Benchmarks -- cpu               thread CPU time per decision (shared machines)
// dotnet run -c Release --project bench/Policy.Benchmarks -- rules [NAME]      CPU time of each rule alone, per request
if (args is ["cpu"]) return CpuTimeRun.Run();
if (args is ["rules", ..]) return RuleCostRun.Run(args.Length > 1 ? args[1] : null);
BenchmarkSwitcher.FromAssembly(typeof(DecisionBenchmarks).Assembly).Run(args.Length == 0 ? ["--filter", "*"] : args, new ShortInProcessConfig());
return 0;
