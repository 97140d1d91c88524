using BenchmarkDotNet.Running;
using Cohort.Bench.Scenarios;

// Micro-benchmarks:  dotnet run -c Release --project bench/Cohort.Bench -- --filter '*'
// Scenarios:         dotnet run -c Release --project bench/Cohort.Bench -- scenario synth --participants 1000000 --visits 4
if (args.Length > 0 && args[0] == "scenario")
    return await ScenarioRunner.RunAsync(args.Skip(1).ToArray());

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
