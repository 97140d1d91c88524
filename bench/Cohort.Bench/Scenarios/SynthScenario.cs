using System.Diagnostics;
using System.Globalization;
using Cohort.Ingest.Synthetic;

namespace Cohort.Bench.Scenarios;

/// <summary>Generates a cohort with `cohort synth`'s generator and reports time, rows per second and peak memory.</summary>
public static class SynthScenario
{
    public static async Task<int> RunAsync(Dictionary<string, string> o)
    {
        var participants = int.Parse(o.GetValueOrDefault("participants", "100000"), CultureInfo.InvariantCulture);
        var visits = int.Parse(o.GetValueOrDefault("visits", "4"), CultureInfo.InvariantCulture);
        var repeat = int.Parse(o.GetValueOrDefault("repeat", "1"), CultureInfo.InvariantCulture);
        var dir = o.GetValueOrDefault("out", Path.Combine(Path.GetTempPath(), "cohort-bench-synth"));
        var seconds = new List<double>();
        SynthManifest? manifest = null;
        for (var r = 0; r < repeat; r++)
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
            var clock = Stopwatch.StartNew();
            manifest = await SyntheticCohortGenerator.GenerateAsync(new SynthOptions { Participants = participants, Visits = visits, Seed = 1 }, dir);
            seconds.Add(clock.Elapsed.TotalSeconds);
        }
        seconds.Sort();
        var median = seconds[seconds.Count / 2];
        var peak = Process.GetCurrentProcess().PeakWorkingSet64 / (1024.0 * 1024);
        var bytes = Directory.EnumerateFiles(dir).Sum(f => new FileInfo(f).Length) / (1024.0 * 1024);
        Console.WriteLine($"synth {participants:N0} participants × {visits} visits: {manifest!.ObservationRows:N0} observation rows");
        Console.WriteLine($"  median of {repeat}: {median:0.0} s ({manifest.ObservationRows / median:N0} rows/s); peak working set {peak:N0} MB; files {bytes:N0} MB");
        return 0;
    }
}
