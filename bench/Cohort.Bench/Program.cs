using BenchmarkDotNet.Running;

// dotnet run -c Release --project bench/Cohort.Bench -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
