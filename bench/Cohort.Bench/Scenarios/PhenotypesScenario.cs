using System.Diagnostics;
using System.Globalization;
using Cohort.Contracts.Phenotypes;
using Cohort.Contracts.Queries;
using Cohort.Tests.Shared;
using DuckDB.NET.Data;
using Microsoft.Extensions.DependencyInjection;

namespace Cohort.Bench.Scenarios;

/// <summary>
/// Phenotype fit and assignment at N participants (default generated cohort, seed 1, one visit unless --visits): the fit as the
/// dashboard and CLI run it (gather features from the shards, choose k, fit, label, validate, store, publish), the assignment of every
/// participant by the shards (re-publishing the model), peak working set, and the quality figures — ARI of the labels against the
/// generator's truth and a supervised classifier's (the ceiling), every cluster's bootstrap Jaccard, the mean silhouette, membership
/// entropy for mixtures, for each method (--methods kmeans,gmm). The ingested store is kept between runs.
/// </summary>
public static class PhenotypesScenario
{
    public static async Task<int> RunAsync(Dictionary<string, string> o)
    {
        var d = await BenchSilo.DropAsync(o, participantsByDefault: 100_000, visitsByDefault: 1);
        var (participants, visits) = (d.ParticipantCount, d.Visits);
        var repeat = int.Parse(o.GetValueOrDefault("repeat", "3"), CultureInfo.InvariantCulture);
        using var host = await BenchSilo.StartIngestedAsync(d, "phenotypes-data", new Dictionary<string, string?> { ["Cohort:ExportEnabled"] = "true" });
        var grains = host.Services.GetRequiredService<IGrainFactory>();
        var models = grains.GetGrain<IPhenotypeModelGrain>(0);
        var truth = Truth(Path.Combine(Path.GetDirectoryName(d.Participants)!, "truth.parquet"));
        var shards = await Shards(grains);
        var methods = o.GetValueOrDefault("methods", "kmeans,gmm").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Console.WriteLine($"phenotypes at {participants:N0} participants ({visits} visit(s)), {repeat} runs per method:");
        // The first query after a start activates the shards (reads the stored store): that is restart time, not fit time, so it is
        // measured on its own and the fits run on a warm store, as they would on a running silo.
        var warm = Stopwatch.StartNew();
        await grains.GetGrain<ICohortQueryGrain>(0).Overview();
        Console.WriteLine($"  first query after the silo started (activates the shards): {warm.Elapsed.TotalSeconds:0.00} s");
        foreach (var method in methods)
        {
            var fits = new List<double>();
            var trains = new List<double>();
            PhenotypeModel model = null!;
            for (var i = 0; i < repeat; i++)
            {
                var clock = Stopwatch.StartNew();
                model = await models.Fit(new PhenotypeFitRequest(VisitChoice.FirstOgtt, K: o.TryGetValue("k", out var k) ? int.Parse(k, CultureInfo.InvariantCulture) : null)
                {
                    Method = method, Families = o.TryGetValue("families", out var f) ? f.Split(',') : null,
                });
                fits.Add(clock.Elapsed.TotalSeconds);
                trains.Add(model.FitSeconds);
                Console.WriteLine($"  {method} run {i + 1}: {clock.Elapsed.TotalSeconds:0.00} s ({model.Timing})");
            }
            var assigns = new List<double>();
            for (var i = 0; i < repeat; i++)
            {
                var clock = Stopwatch.StartNew();
                await Task.WhenAll(shards.Select(s => s.ApplyPhenotypeModel(model)));
                assigns.Add(clock.Elapsed.TotalSeconds);
            }
            var recovery = await PhenotypeRecovery.MeasureAsync(grains, model, truth, shards.Length);
            Console.WriteLine($"- {method}{(model.IsMixture ? $" ({model.Family})" : "")}, k = {model.K}:");
            Console.WriteLine($"  fit (gather, choose, fit, label, validate, store, publish): median {Median(fits):0.00} s [{string.Join(", ", fits.Select(x => x.ToString("0.00", CultureInfo.InvariantCulture)))}]");
            Console.WriteLine($"  of which gather + train: median {Median(trains):0.00} s; training participants {model.TrainingParticipants:N0}");
            Console.WriteLine($"  assignment of every participant by the shards (persisted at the next flush): median {Median(assigns):0.00} s");
            Console.WriteLine($"  phases of the last fit: {model.Timing}");
            Console.WriteLine($"  {model.KReason}");
            Console.WriteLine($"  mean silhouette {model.Silhouette:0.000}; bootstrap Jaccard per cluster: {string.Join(", ", model.Clusters.Select(c => $"{c.Label} {c.Stability:0.00}"))}");
            if (model.Membership is { } m)
                Console.WriteLine($"  membership: mean top probability {m.MeanTopProbability:0.000}, normalised entropy {m.Entropy:0.000}, uncertain (top < {m.UncertainBelow:0.0}) {m.Uncertain:N0} of {m.N:N0} ({(double)m.Uncertain / m.N:P1})");
            foreach (var c in model.Continuum) Console.WriteLine($"  {c.Statement}");
            Console.WriteLine($"  ARI against the generator's truth: clusters {recovery.Ari:0.000}, labels {recovery.LabelAri:0.000}; supervised ceiling (5-fold cross-validated " +
                $"multinomial logistic regression, same features) {recovery.Ceiling:0.000} (accuracy {recovery.CeilingAccuracy:P1}); share of the ceiling: clusters " +
                $"{recovery.Share:0.00}, labels {recovery.LabelShare:0.00}, over {recovery.Participants:N0} participants");
        }
        Console.WriteLine($"  peak working set of the process (silo, store, fits): {Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0:N0} MB");
        return 0;
    }

    private static async Task<ICohortShardGrain[]> Shards(IGrainFactory grains) =>
        Enumerable.Range(0, (await grains.GetGrain<Contracts.Ingest.ICohortSettingsGrain>(0).Get()).Shards).Select(s => grains.GetGrain<ICohortShardGrain>(s)).ToArray();

    private static double Median(List<double> xs) => Domain.Statistics.Percentile.OfSorted(xs.Order().ToArray(), 0.5);

    private static Dictionary<string, string> Truth(string truthFile)
    {
        var truth = new Dictionary<string, string>(StringComparer.Ordinal);
        using var duck = new DuckDBConnection("Data Source=:memory:");
        duck.Open();
        using var cmd = duck.CreateCommand();
        cmd.CommandText = $"SELECT participant_id, phenotype FROM '{truthFile}' WHERE visit = 1";
        using var reader = cmd.ExecuteReader();
        while (reader.Read()) truth[reader.GetString(0)] = reader.GetString(1);
        return truth;
    }
}
