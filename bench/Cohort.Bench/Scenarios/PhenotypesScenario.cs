using System.Diagnostics;
using System.Globalization;
using Cohort.Contracts.Phenotypes;
using Cohort.Contracts.Queries;
using Cohort.Phenotyping.Validation;
using DuckDB.NET.Data;
using Microsoft.Extensions.DependencyInjection;

namespace Cohort.Bench.Scenarios;

/// <summary>
/// Phenotype fit and assignment at N participants (default generated cohort, seed 1, one visit unless --visits): the fit as the
/// dashboard and CLI run it (gather features from the shards, choose k, fit, label, validate, store, publish), the assignment of every
/// participant by the shards (re-publishing the model), peak working set, and the quality figures — ARI of the labels against the
/// generator's truth, every cluster's bootstrap Jaccard, the mean silhouette. The ingested store is kept between runs.
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
        var fits = new List<double>();
        var trains = new List<double>();
        PhenotypeModel model = null!;
        for (var i = 0; i < repeat; i++)
        {
            var clock = Stopwatch.StartNew();
            model = await models.Fit(new PhenotypeFitRequest(VisitChoice.FirstOgtt));
            fits.Add(clock.Elapsed.TotalSeconds);
            trains.Add(model.FitSeconds);
        }
        var shards = await Shards(grains);
        var assigns = new List<double>();
        for (var i = 0; i < repeat; i++)
        {
            var clock = Stopwatch.StartNew();
            await Task.WhenAll(shards.Select(s => s.ApplyPhenotypeModel(model)));
            assigns.Add(clock.Elapsed.TotalSeconds);
        }
        var peak = Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0;
        Console.WriteLine($"phenotypes at {participants:N0} participants ({visits} visit(s)), {repeat} runs:");
        Console.WriteLine($"  fit (gather, choose k, fit, label, validate, store, publish): median {Median(fits):0.00} s [{string.Join(", ", fits.Select(x => x.ToString("0.00", CultureInfo.InvariantCulture)))}]");
        Console.WriteLine($"  of which gather + train: median {Median(trains):0.00} s; training participants {model.TrainingParticipants:N0}; k = {model.K}");
        Console.WriteLine($"  assignment of every participant by the shards (nearest centroid, stored scaler; persisted at the next flush): median {Median(assigns):0.00} s");
        Console.WriteLine($"  peak working set of the process (silo, store, fit): {peak:N0} MB; allocated while training ~{model.AllocatedMegabytes:N0} MB");
        Console.WriteLine($"  phases of the last fit: {model.Timing}");
        Console.WriteLine($"  {model.KReason}");
        Console.WriteLine($"  mean silhouette {model.Silhouette:0.000}; bootstrap Jaccard per cluster: {string.Join(", ", model.Clusters.Select(c => $"{c.Label} {c.Stability:0.00}"))}");
        Console.WriteLine($"  ARI of the labels against the generator's truth: {await AriAgainstTruth(grains, Path.Combine(Path.GetDirectoryName(d.Participants)!, "truth.parquet")):0.000}");
        return 0;
    }

    private static async Task<ICohortShardGrain[]> Shards(IGrainFactory grains) =>
        Enumerable.Range(0, (await grains.GetGrain<Contracts.Ingest.ICohortSettingsGrain>(0).Get()).Shards).Select(s => grains.GetGrain<ICohortShardGrain>(s)).ToArray();

    private static double Median(List<double> xs) => Domain.Statistics.Percentile.OfSorted(xs.Order().ToArray(), 0.5);

    private static async Task<double> AriAgainstTruth(IGrainFactory grains, string truthFile)
    {
        var truth = new Dictionary<string, string>(StringComparer.Ordinal);
        using (var duck = new DuckDBConnection("Data Source=:memory:"))
        {
            duck.Open();
            using var cmd = duck.CreateCommand();
            cmd.CommandText = $"SELECT participant_id, phenotype FROM '{truthFile}' WHERE visit = 1";
            using var reader = cmd.ExecuteReader();
            while (reader.Read()) truth[reader.GetString(0)] = reader.GetString(1);
        }
        var codes = truth.Values.Distinct().Order().ToList();
        var (labels, truths) = (new List<int>(), new List<int>());
        var query = new CohortQuery(CohortFilter.All, VisitChoice.Baseline, Dimension.None, 2.5);
        foreach (var shard in await Shards(grains))
        {
            var chunk = await shard.Export(query);
            for (var i = 0; i < chunk.ParticipantId.Length; i++)
            {
                if (chunk.Visit[i] != 1 || chunk.Phenotype[i] == 0) continue;
                labels.Add(chunk.Phenotype[i]);
                truths.Add(codes.IndexOf(truth[chunk.ParticipantId[i]]));
            }
        }
        return AdjustedRandIndex.Compute(labels, truths);
    }
}
