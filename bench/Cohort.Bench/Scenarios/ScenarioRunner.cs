namespace Cohort.Bench.Scenarios;

/// <summary>End-to-end scenarios measured in wall-clock time and peak memory of this process (one run each; repeat for medians).</summary>
public static class ScenarioRunner
{
    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length == 0)
        {
            Console.Error.WriteLine("scenarios: synth|ingest|restart|correction|cli-ingest|ingest-phases|query|phenotypes|distributed|disclosure|run-history [--participants N] [--visits V] [--repeat R]");
            return 2;
        }
        var options = ParseOptions(args.Skip(1).ToArray());
        return args[0] switch
        {
            "synth" => await SynthScenario.RunAsync(options),
            "ingest" => await IngestScenario.RunAsync(options),
            "restart" => await RestartScenario.RunAsync(options),
            "correction" => await CorrectionScenario.RunAsync(options),
            "cli-ingest" => await CliIngestScenario.RunAsync(options),
            "ingest-phases" => await IngestPhasesScenario.RunAsync(options),
            "query" => await QueryScenario.RunAsync(options),
            "phenotypes" => await PhenotypesScenario.RunAsync(options),
            "distributed" => await DistributedScenario.RunAsync(options),
            "disclosure" => await DisclosureCostScenario.RunAsync(options),
            "run-history" => await RunHistoryScenario.RunAsync(options),
            _ => Unknown(args[0]),
        };
    }

    private static int Unknown(string name)
    {
        Console.Error.WriteLine($"unknown scenario '{name}'");
        return 2;
    }

    private static Dictionary<string, string> ParseOptions(string[] args)
    {
        var d = new Dictionary<string, string>();
        for (var i = 0; i + 1 < args.Length; i += 2) d[args[i].TrimStart('-')] = args[i + 1];
        return d;
    }
}
