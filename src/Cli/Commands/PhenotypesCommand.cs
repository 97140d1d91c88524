using System.Globalization;
using System.Text.Json;
using Cohort.Contracts.Cohort;
using Cohort.Contracts.Phenotypes;
using Microsoft.Extensions.DependencyInjection;

namespace Cohort.Cli.Commands;

/// <summary>`cohort phenotypes fit|show|list|compare`: versioned phenotype models.</summary>
public static class PhenotypesCommand
{
    public const string Usage = """
        cohort phenotypes fit [--k N | --k-min N --k-max N] [--seed S] [--visit first-ogtt|baseline|latest|N] [--gateway HOST:PORT] [--json]
        cohort phenotypes show [--version N] [--gateway HOST:PORT] [--json]
        cohort phenotypes list [--gateway HOST:PORT] [--json]
        cohort phenotypes compare --a N --b M [--gateway HOST:PORT] [--json]

          fit: clusters every participant's hepatic, muscle and adipose features (default: at the first visit with an OGTT) with
          ML.NET k-means; k is chosen in 2–8 by bootstrap stability and silhouette unless --k fixes it. The model is stored as a new
          version and every participant is assigned to its nearest centroid; earlier versions stay readable. show: a version's
          clusters, labels, rationale and validation. compare: adjusted Rand index between two versions' assignments.
          Exit code 1 when the data cannot support a fit (the message says why) or a version does not exist.
        """;

    public static async Task<int> RunAsync(Arguments args, string? verb, CancellationToken ct)
    {
        var gateway = args.String("gateway");
        var json = args.Flag("json");
        switch (verb)
        {
            case "fit":
            {
                var k = args.String("k") is { } kt ? Int(kt, "k") : (int?)null;
                var request = new PhenotypeFitRequest(Visit(args.String("visit") ?? "first-ogtt"), k, args.Number("seed", 1),
                    args.Number("k-min", 2), args.Number("k-max", 8));
                args.EnsureAllUsed();
                using var host = await ClusterConnection.ConnectAsync(gateway, ct);
                var grain = host.Services.GetRequiredService<IGrainFactory>().GetGrain<IPhenotypeModelGrain>(0);
                PhenotypeModel model;
                try { model = await grain.Fit(request); }
                catch (ArgumentException e) { throw new CliException($"cannot fit a phenotype model: {e.Message}"); }
                var view = await grain.Version(model.Version);
                await host.StopAsync(CancellationToken.None);
                Print(view!, json);
                return 0;
            }
            case "show":
            {
                var version = args.String("version") is { } vt ? Int(vt, "version") : (int?)null;
                args.EnsureAllUsed();
                using var host = await ClusterConnection.ConnectAsync(gateway, ct);
                var grain = host.Services.GetRequiredService<IGrainFactory>().GetGrain<IPhenotypeModelGrain>(0);
                var view = version is { } v ? await grain.Version(v) : await grain.Current();
                await host.StopAsync(CancellationToken.None);
                Print(view ?? throw new CliException(version is null ? "no phenotype model has been fitted yet (cohort phenotypes fit)" : $"there is no phenotype model version {version}"), json);
                return 0;
            }
            case "list":
            {
                args.EnsureAllUsed();
                using var host = await ClusterConnection.ConnectAsync(gateway, ct);
                var models = await host.Services.GetRequiredService<IGrainFactory>().GetGrain<IPhenotypeModelGrain>(0).List();
                await host.StopAsync(CancellationToken.None);
                if (json)
                {
                    Console.WriteLine(JsonSerializer.Serialize(models.Select(m => new { m.Version, m.FittedAt, m.DataVersion, visit = m.Visit.Code, m.K, m.Seed, m.Silhouette, m.FitSeconds })));
                    return 0;
                }
                Console.WriteLine($"{"version",7} {"fitted (UTC)",-20} {"k",3} {"seed",6} {"silhouette",10} {"seconds",8}  data version");
                foreach (var m in models) Console.WriteLine($"{m.Version,7} {m.FittedAt:yyyy-MM-dd HH:mm:ss} {m.K,3} {m.Seed,6} {m.Silhouette,10:0.000} {m.FitSeconds,8:0.0}  {m.DataVersion}");
                if (models.Count == 0) Console.WriteLine("(no models yet)");
                return 0;
            }
            case "compare":
            {
                var a = Int(args.RequiredString("a"), "a");
                var b = Int(args.RequiredString("b"), "b");
                args.EnsureAllUsed();
                using var host = await ClusterConnection.ConnectAsync(gateway, ct);
                PhenotypeComparison c;
                try { c = await host.Services.GetRequiredService<IGrainFactory>().GetGrain<IPhenotypeModelGrain>(0).Compare(a, b); }
                catch (ArgumentException e) { throw new CliException(e.Message); }
                await host.StopAsync(CancellationToken.None);
                if (json) Console.WriteLine(JsonSerializer.Serialize(new { version_a = c.VersionA, version_b = c.VersionB, adjusted_rand_index = c.AdjustedRandIndex, participants = c.Participants }));
                else Console.WriteLine($"v{c.VersionA} against v{c.VersionB}: adjusted Rand index {c.AdjustedRandIndex:0.000} over {c.Participants:N0} participants both assign");
                return 0;
            }
            default:
                throw new UsageException($"cohort phenotypes needs fit, show, list or compare (got '{verb}')");
        }
    }

    private static int Int(string text, string name) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : throw new UsageException($"--{name} must be a whole number (got '{text}')");

    private static VisitChoice Visit(string text) => text.Trim().ToLowerInvariant() switch
    {
        "first-ogtt" => VisitChoice.FirstOgtt,
        "baseline" => VisitChoice.Baseline,
        "latest" => VisitChoice.Latest,
        var t when int.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 1 => VisitChoice.Visit(n),
        _ => throw new UsageException($"--visit must be first-ogtt, baseline, latest or a visit number (got '{text}')"),
    };

    private static void Print(PhenotypeModelView view, bool json)
    {
        var m = view.Model;
        if (json)
        {
            Console.WriteLine(JsonSerializer.Serialize(new
            {
                m.Version, current = view.Current, m.FittedAt, m.DataVersion, visit = m.Visit.Code, m.Seed, m.K, m.KReason, m.Silhouette,
                features = m.Features.Select(f => f.Metric), m.Dropped, coverage = Coverage(m.Coverage), m.FitSeconds, m.TrainingParticipants,
                clusters = m.Clusters.Select((c, i) => new { c.Number, c.Label, c.Hepatic, c.Muscle, c.Adipose, c.Stability, c.Stable, c.TrainingSize, assigned = view.Assigned?.PerCluster[i], c.Rationale }),
                candidates = m.Candidates.Select(c => new { c.K, c.Silhouette, c.Jaccard, c.AllStable }),
            }));
            return;
        }
        Console.WriteLine($"phenotype model v{m.Version}{(view.Current ? " (current)" : "")}: fitted {m.FittedAt:yyyy-MM-dd HH:mm:ss} UTC on {m.DataVersion}, {m.Visit.Label}, seed {m.Seed}, {m.FitSeconds:0.0} s");
        Console.WriteLine($"  {m.KReason}");
        Console.WriteLine($"  mean silhouette {m.Silhouette:0.000}; features: {string.Join(", ", m.Features.Select(f => $"{f.Tissue}:{f.Metric}"))}");
        if (m.Dropped.Length > 0) Console.WriteLine($"  left out: {string.Join("; ", m.Dropped)}");
        var cov = Coverage(m.Coverage);
        Console.WriteLine($"  at fit: {cov.Clustered:N0} clustered, {cov.Reduced:N0} reduced feature set, {cov.Unclassifiable:N0} unclassifiable, {cov.NoFeatureVisit:N0} without a feature visit");
        Console.WriteLine($"  {"#",2} {"phenotype",-18} {"assigned",9} {"training",9} {"Jaccard",8} {"hepatic",8} {"muscle",8} {"adipose",8}");
        for (var i = 0; i < m.K; i++)
        {
            var c = m.Clusters[i];
            Console.WriteLine($"  {c.Number,2} {c.Label,-18} {(view.Assigned is { } a ? a.PerCluster[i].ToString("N0", CultureInfo.InvariantCulture) : "—"),9} {c.TrainingSize,9:N0} {c.Stability,8:0.00} {c.Hepatic,8:+0.00;-0.00} {c.Muscle,8:+0.00;-0.00} {c.Adipose,8:+0.00;-0.00}");
            Console.WriteLine($"     {c.Rationale}");
        }
    }

    private sealed record CoverageCounts(long NoFeatureVisit, long Clustered, long Reduced, long Unclassifiable);

    private static CoverageCounts Coverage(long[] c) => new(c[0], c[1], c[2], c[3]);
}
