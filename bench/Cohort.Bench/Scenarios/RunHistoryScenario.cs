using System.Diagnostics;
using System.Globalization;
using Cohort.Contracts.Ingest;
using Cohort.Ingest.Ingestion;
using Microsoft.Extensions.DependencyInjection;

namespace Cohort.Bench.Scenarios;

/// <summary>
/// What a long run history costs each new run: one real ingest of the drop (default 300 participants) gives a realistic summary,
/// then --runs (default 1,000) more runs go through the runs grain's three durable calls (open, commit, record) with copies of that
/// summary, on the real embedded store; each run brings files of its own (new content hashes, as a schedule's new drops do) unless
/// --same-files true. Reports the medians of each call over the first ten runs and over the last fifty, the
/// history's page view (List) at the end, and the time the grain takes to activate again over the whole history.
/// </summary>
public static class RunHistoryScenario
{
    public static async Task<int> RunAsync(Dictionary<string, string> o)
    {
        var d = await BenchSilo.DropAsync(o, participantsByDefault: 300);
        var count = int.Parse(o.GetValueOrDefault("runs", "1000"), CultureInfo.InvariantCulture);
        var sameFiles = bool.Parse(o.GetValueOrDefault("same-files", "false"));
        var data = Path.Combine(d.Root, "run-history-data");
        using var host = await BenchSilo.StartAsync(data);
        var grains = host.Services.GetRequiredService<IGrainFactory>();
        var runs = grains.GetGrain<IIngestRunsGrain>(0);
        var real = await new IngestRunner(grains).RunAsync(new IngestRequest(d.Participants, [d.Observations]));
        var serializer = host.Services.GetRequiredService<Orleans.Serialization.Serializer>();
        var bytes = serializer.SerializeToArray(real);
        Console.WriteLine($"a real run's summary: {bytes.Length:N0} bytes serialised ({real.RowsAccepted:N0} observations of {real.ParticipantsTouched:N0} participants)");

        // Each run gets copies of its own: ones that shared the real run's files and report would be stored once, by reference.
        RunSummary Copy() => serializer.Deserialize<RunSummary>(bytes)!;
        // The run's files: the real run's, or the same names with content of their own.
        IReadOnlyList<IngestedFile> Files(RunSummary copy, string id) => sameFiles ? copy.Inputs ?? []
            : [.. (copy.Inputs ?? []).Select(f => f with { Sha256 = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"{id}/{f.Name}"))) })];
        var timings = new List<(double Open, double Commit, double Record)>(count);
        var clock = new Stopwatch();
        double Lap()
        {
            var ms = clock.Elapsed.TotalMilliseconds;
            clock.Restart();
            return ms;
        }
        for (var i = 0; i < count; i++)
        {
            var id = $"history-{i:D5}";
            clock.Restart();
            if (await runs.Open(new RunCommit(id, "manual", DateTime.UtcNow, RunCommitState.Open) { Inputs = Files(Copy(), id) }) is { } other)
                throw new InvalidOperationException($"run {other} is still open");
            var open = Lap();
            await runs.Commit(id);
            var commit = Lap();
            var summary = Copy();
            await runs.Record(summary with { RunId = id, Inputs = Files(summary, id) }, []);
            timings.Add((open, commit, Lap()));
        }

        static string Medians(IEnumerable<(double Open, double Commit, double Record)> t)
        {
            var a = t.ToArray();
            static double Median(IEnumerable<double> v) => Domain.Statistics.Percentile.Of(v, 0.5);
            return $"open {Median(a.Select(x => x.Open)):0.0} ms, commit {Median(a.Select(x => x.Commit)):0.0} ms, record {Median(a.Select(x => x.Record)):0.0} ms";
        }
        Console.WriteLine($"first 10 runs (medians): {Medians(timings.Take(10))}");
        Console.WriteLine($"last 50 runs, {count - 50:N0}–{count:N0} in the history (medians): {Medians(timings.TakeLast(50))}");

        clock.Restart();
        var listed = await runs.List();
        Console.WriteLine($"List: {listed.Count:N0} runs in {Lap():0.0} ms");
        // Between silos a call's result is serialised and read back: what the whole history costs there, against the latest run alone.
        foreach (var (what, value) in new (string, object?)[] { ("the whole history", listed), ("the latest run", await runs.Newest(1, before: null)) })
        {
            clock.Restart();
            var wire = serializer.SerializeToArray(value);
            _ = serializer.Deserialize<object>(wire);
            Console.WriteLine($"{what} between silos: {wire.Length / 1e6:0.00} MB serialised and read back in {Lap():0.0} ms");
        }

        // Activation over the whole history: the runs grain is collected and asked again.
        var management = grains.GetGrain<IManagementGrain>(0);
        await management.ForceActivationCollection(TimeSpan.Zero);
        clock.Restart();
        var again = await runs.Get($"history-{count - 1:D5}");
        Console.WriteLine($"first call after collection: {Lap():0.0} ms ({(again is null ? "run missing" : "run found")})");
        await host.StopAsync();
        return 0;
    }
}
