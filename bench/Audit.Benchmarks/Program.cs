using DockerGuard.Audit.Benchmarks;

// dotnet run -c Release --project bench/Audit.Benchmarks -- <mode> [--store S] ...
var args2 = args.Length == 0 ? ["help"] : args;
var options = LoadOptions.Parse(args2[1..]);
return args2[0] switch
{
    "throughput" => await ThroughputRun.RunAsync(options),
    "latency" => await LatencyRun.RunAsync(options),
    "million" => await MillionRun.RunAsync(options),
    "crash-writer" => await CrashWriter.RunAsync(options),
    "breakdown" => await BreakdownRun.RunAsync(options),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("""
        usage: Audit.Benchmarks <mode> [--store sqlite:PATH|postgres://...] [--sync full|normal] [options]
          throughput   --writers 256 --seconds 10        durable records/s with group commit
          latency      --rate 2000 --seconds 10          RecordAsync latency (median, p99) at a fixed arrival rate
          million      --count 1000000                   batch-insert, then time each indexed query
          crash-writer --writers 64                      records forever, printing each acknowledged id (SIGKILL test)
          breakdown    --count 50000 --batch 500         CPU per record of each stage (entry, redaction, JSON, insert)
        """);
    return 2;
}
