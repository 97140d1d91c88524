using System.CommandLine;
using System.Globalization;
using Cohort.Contracts;
using Cohort.Contracts.Phenotypes;
using Cohort.Contracts.Queries;

namespace Cohort.Cli.Commands;

/// <summary>`cohort phenotypes fit|show|list|compare`: versioned phenotype models.</summary>
public static class PhenotypesCommand
{
    public static Command Create() => new("phenotypes", """
        Versioned phenotype models: fit clusters every participant's hepatic, muscle and adipose features (default: at the first visit
        with an OGTT) with ML.NET k-means or a Gaussian mixture, stores the model as a new version and assigns every participant with it;
        earlier versions stay readable; export and import carry a model to another cohort. Fitting, saving a preset, export and import need the
        epidemiologist role; show, list, compare and the preset list show what the dashboard releases and need the analyst role.
        """) { Fit(), Show(), List(), Compare(), Presets(), Export(), Import() };

    private static Command Fit()
    {
        var k = new Option<int?>("--k") { Description = "fix the number of clusters (default: chosen in --k-min..--k-max)", HelpName = "N" };
        var kMin = CliOptions.Count("--k-min", 2, "the smallest k tried", minimum: 2);
        var kMax = CliOptions.Count("--k-max", 8, "the largest k tried", minimum: 2);
        var seed = new Option<int>("--seed") { Description = "the seed of k-means and the bootstrap", DefaultValueFactory = _ => 1, HelpName = "S" };
        var visit = new Option<string>("--visit") { Description = "first-ogtt, baseline, latest or a visit number", DefaultValueFactory = _ => "first-ogtt", HelpName = "VISIT" };
        var (features, log, preset, population) = FeatureOptions();
        var method = new Option<string?>("--method")
        {
            Description = "kmeans, or gmm: a Gaussian mixture whose covariance family and k are chosen by BIC, with membership probabilities (default: the platform's, see docs/science.md)",
            HelpName = "METHOD",
        };
        var families = new Option<string?>("--families")
        {
            Description = "with --method gmm: the covariance families to try, comma-separated (EII, VII, EEI, VVI, EEE, VVV; default all)", HelpName = "NAMES",
        };
        var bySex = new Option<bool>("--by-sex") { Description = "fit women and men separately (as Ahlqvist et al. 2018) and report agreement with the pooled fit" };
        var (gateway, json) = (CliOptions.Gateway(), CliOptions.Json());
        var command = new Command("fit", """
            Fits a new model version. k-means chooses k by bootstrap stability and silhouette; a Gaussian mixture (--method gmm) chooses
            its covariance family and k by BIC, with ICL beside it; --k fixes k. The features are a preset
            (tissue, the default; fasting, for cohorts without an OGTT; ahlqvist; or one the study saved) or the metrics --features
            names (any marker, index, study marker, or age). Clusters are named from tissue scores only when every feature maps to a
            tissue; otherwise they are numbered and described by their profiles. Exit code 1 when the data cannot support a fit (the
            message says why).
            """) { k, kMin, kMax, seed, visit, features, log, preset, population, method, families, bySex, gateway, json };
        command.SetAction(async (parse, ct) =>
        {
            if (parse.GetValue(k) is < 2) throw new UsageException("--k must be at least 2");
            if (parse.GetValue(kMax) < parse.GetValue(kMin)) throw new UsageException("--k-max must not be below --k-min");
            var request = new PhenotypeFitRequest(Visit(parse.GetValue(visit)!), parse.GetValue(k), parse.GetValue(seed), parse.GetValue(kMin), parse.GetValue(kMax))
            {
                Features = Codes(parse.GetValue(features)), Log = Codes(parse.GetValue(log)), Preset = parse.GetValue(preset), Population = parse.GetValue(population),
                Method = parse.GetValue(method), BySex = parse.GetValue(bySex), Families = Codes(parse.GetValue(families)),
            };
            var view = await ClusterConnection.UseAsync(parse.GetValue(gateway), async grains =>
            {
                var grain = grains.GetGrain<IPhenotypeModelGrain>(0);
                PhenotypeFitJob job;
                try { job = await grain.StartFit(request); }
                catch (ArgumentException e) { throw new CliException($"cannot fit a phenotype model: {e.Message}"); }
                job = await Follow(grain, job, ct);
                if (job.State == "failed") throw new CliException($"cannot fit a phenotype model: {job.Error}");
                return await grains.GetGrain<IPhenotypeReleaseGrain>(0).Version(job.Version!.Value);
            }, ct);
            Print(view!, parse.GetValue(json));
            return 0;
        });
        return command;
    }

    private static (Option<string?> Features, Option<string?> Log, Option<string?> Preset, Option<string?> Population) FeatureOptions() => (
        new("--features") { Description = "the features, comma-separated: markers, indices, study markers or age (e.g. glucose,insulin,sspg)", HelpName = "CODES" },
        new("--log") { Description = "which of --features to log-transform (default: Cohort's choice for its tissue features, skewed metrics otherwise)", HelpName = "CODES" },
        new("--preset") { Description = "a named feature set: tissue, fasting, ahlqvist, or one saved with `phenotypes presets save`", HelpName = "NAME" },
        new("--population") { Description = "who trains the model with --features: outside-diabetes (default), diabetes or everyone", HelpName = "WHO" });

    private static string[]? Codes(string? text) =>
        text?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) is { Length: > 0 } codes ? codes : null;

    private static Command Presets()
    {
        var (listGateway, json) = (CliOptions.Gateway(), CliOptions.Json());
        var list = new Command("list", "Lists the feature presets: Cohort's and the study's, with their features.") { listGateway, json };
        list.SetAction((parse, ct) => ClusterConnection.UseAsync(parse.GetValue(listGateway), async grains =>
        {
            var presets = await grains.GetGrain<IPhenotypeModelGrain>(0).Presets();
            if (parse.GetValue(json)) Console.WriteLine(CohortJson.Serialize(presets));
            else
                foreach (var p in presets)
                    Console.WriteLine($"{p.Name,-16} {(p.BuiltIn ? "cohort" : "study "),-6} trains {p.Population,-16} {string.Join(", ", p.Features.Select(f => p.Log?.Contains(f) == true ? $"log {f}" : f))}");
            return 0;
        }, ct));
        var name = CliOptions.Required("--name", "the preset's name", "NAME");
        var (features, log, _, population) = FeatureOptions();
        features.Required = true;
        var description = new Option<string?>("--description") { Description = "what the feature set is for", HelpName = "TEXT" };
        var gateway = CliOptions.Gateway();
        var save = new Command("save", "Saves a feature set under a name, checked as a fit would check it; fit with --preset NAME. Needs the epidemiologist role.")
            { name, features, log, population, description, gateway };
        save.SetAction((parse, ct) => ClusterConnection.UseAsync(parse.GetValue(gateway), async grains =>
        {
            PhenotypePreset saved;
            try
            {
                saved = await grains.GetGrain<IPhenotypeModelGrain>(0).SavePreset(new PhenotypePreset(parse.GetValue(name)!, parse.GetValue(description) ?? "",
                    Codes(parse.GetValue(features))!, Codes(parse.GetValue(log)), parse.GetValue(population) ?? ""));
            }
            catch (ArgumentException e) { throw new CliException($"cannot save the preset: {e.Message}"); }
            Console.WriteLine($"preset {saved.Name} saved: {string.Join(", ", saved.Features)}; trains {saved.Population}");
            return 0;
        }, ct));
        return new Command("presets", "Named feature sets for fits: Cohort's (tissue, fasting, ahlqvist) and the study's.") { list, save };
    }

    /// <summary>Follows a fit job to its end, drawing its stage and step on standard error (when that is a terminal) once a second.</summary>
    private static async Task<PhenotypeFitJob> Follow(IPhenotypeModelGrain grain, PhenotypeFitJob job, CancellationToken ct)
    {
        using var bar = new Terminal.ProgressBar("fit", 1);
        while (!job.IsFinished)
        {
            bar.Report(job.Done, Math.Max(1, job.Total), job.Stage == 0 ? "queued" : $"{job.Stage}/{PhenotypeFitJob.Stages} {job.StageName}: {job.Step}");
            try { await Task.Delay(TimeSpan.FromSeconds(1), ct); }
            catch (OperationCanceledException)
            {
                throw new CliException($"stopped following the fit; it goes on in the silo (job {job.Id}): `cohort phenotypes list` shows its version once stored");
            }
            job = await grain.Job(job.Id) ?? throw new CliException($"the silo no longer knows fit job {job.Id} (was it restarted?); `cohort phenotypes list` shows whether it was stored");
        }
        return job;
    }

    private static Command Show()
    {
        var version = new Option<int?>("--version") { Description = "the version to show (default: the current one)", HelpName = "N" };
        var (gateway, json) = (CliOptions.Gateway(), CliOptions.Json());
        var command = new Command("show", """
            A version's clusters, labels, rationale and validation as the dashboard releases them: counts below the suppression threshold
            are withheld. Needs the analyst role. Exit code 1 when the version does not exist.
            """) { version, gateway, json };
        command.SetAction(async (parse, ct) =>
        {
            var v = parse.GetValue(version);
            var view = await ClusterConnection.UseAsync(parse.GetValue(gateway), grains =>
            {
                var grain = grains.GetGrain<IPhenotypeReleaseGrain>(0);
                return v is { } n ? grain.Version(n) : grain.Current();
            }, ct);
            Print(view ?? throw new CliException(v is null ? "no phenotype model has been fitted yet (cohort phenotypes fit)" : $"there is no phenotype model version {v}"), parse.GetValue(json));
            return 0;
        });
        return command;
    }

    private static Command List()
    {
        var (gateway, json) = (CliOptions.Gateway(), CliOptions.Json());
        var command = new Command("list", "Every stored model version (needs the analyst role).") { gateway, json };
        command.SetAction(async (parse, ct) =>
        {
            var models = await ClusterConnection.UseAsync(parse.GetValue(gateway), grains => grains.GetGrain<IPhenotypeReleaseGrain>(0).Versions(), ct);
            if (parse.GetValue(json))
            {
                Console.WriteLine(CohortJson.Serialize(models));
                return 0;
            }
            Console.WriteLine($"{"version",7} {"fitted (UTC)",-20} {"method",-24} {"k",3} {"seed",6} {"silhouette",10} {"seconds",8}  data version");
            foreach (var m in models) Console.WriteLine($"{m.Version,7} {m.FittedAt:yyyy-MM-dd HH:mm:ss} {m.Method,-24} {m.K,3} {m.Seed,6} {m.Silhouette,10:0.000} {m.FitSeconds,8:0.0}  {m.DataVersion}");
            if (models.Count == 0) Console.WriteLine("(no models yet)");
            return 0;
        });
        return command;
    }

    private static Command Export()
    {
        var version = new Option<int?>("--version") { Description = "the version to export (default: the current one)", HelpName = "N" };
        var file = new Option<FileInfo>("--file") { Description = "where to write the model file", Required = true, HelpName = "FILE" };
        var gateway = CliOptions.Gateway();
        var command = new Command("export", "Writes a model version as a model file (docs/phenotype-model-format.md) that another Cohort can import.") { version, file, gateway };
        command.SetAction(async (parse, ct) =>
        {
            var json = await ClusterConnection.UseAsync(parse.GetValue(gateway), async grains =>
            {
                var models = grains.GetGrain<IPhenotypeModelGrain>(0);
                var v = parse.GetValue(version) ?? (await models.Latest())?.Version ?? throw new CliException("no phenotype model has been fitted yet (cohort phenotypes fit)");
                try { return await models.Export(v); }
                catch (ArgumentException e) { throw new CliException(e.Message); }
            }, ct);
            var path = parse.GetValue(file)!.FullName;
            await File.WriteAllTextAsync(path, json, ct);
            Console.WriteLine($"model written to {path}");
            return 0;
        });
        return command;
    }

    private static Command Import()
    {
        var file = new Option<FileInfo>("--file") { Description = "the model file another Cohort exported", Required = true, HelpName = "FILE" };
        var source = new Option<string?>("--source") { Description = "where the model came from, for the record (default: the file name)", HelpName = "TEXT" };
        var (gateway, json) = (CliOptions.Gateway(), CliOptions.Json());
        var command = new Command("import", """
            Imports a model file as a new version and assigns every participant with it, without refitting (as replication cohorts were
            assigned to Ahlqvist's clusters); a refit here on the same features, method and k is run beside it and the ARI between the two
            assignments reported. Exit code 1 when the file does not fit this cohort (every problem is named).
            """) { file, source, gateway, json };
        command.SetAction(async (parse, ct) =>
        {
            var path = parse.GetValue(file)!;
            if (!path.Exists) throw new UsageException($"--file: {path.FullName} does not exist");
            var text = await File.ReadAllTextAsync(path.FullName, ct);
            var view = await ClusterConnection.UseAsync(parse.GetValue(gateway), async grains =>
            {
                var grain = grains.GetGrain<IPhenotypeModelGrain>(0);
                PhenotypeModel model;
                try { model = await grain.Import(text, parse.GetValue(source) ?? path.Name); }
                catch (ArgumentException e) { throw new CliException($"cannot import the model: {e.Message}"); }
                return await grains.GetGrain<IPhenotypeReleaseGrain>(0).Version(model.Version);
            }, ct);
            Print(view!, parse.GetValue(json));
            return 0;
        });
        return command;
    }

    private static Command Compare()
    {
        var a = new Option<int>("--a") { Description = "one version", Required = true, HelpName = "N" };
        var b = new Option<int>("--b") { Description = "the other version", Required = true, HelpName = "M" };
        var (gateway, json) = (CliOptions.Gateway(), CliOptions.Json());
        var command = new Command("compare", "The adjusted Rand index between two versions' assignments, with the contingency table as released (needs the analyst role).") { a, b, gateway, json };
        command.SetAction(async (parse, ct) =>
        {
            var c = await ClusterConnection.UseAsync(parse.GetValue(gateway), async grains =>
            {
                try { return await grains.GetGrain<IPhenotypeReleaseGrain>(0).Compare(parse.GetValue(a), parse.GetValue(b)); }
                catch (ArgumentException e) { throw new CliException(e.Message); }
            }, ct);
            if (parse.GetValue(json)) Console.WriteLine(CohortJson.Serialize(c));
            else Console.WriteLine($"v{c.VersionA} against v{c.VersionB}: adjusted Rand index {Number(c.AdjustedRandIndex, "0.000")} over {Count(c.Participants)} participants both assign");
            return 0;
        });
        return command;
    }

    private static VisitChoice Visit(string text) =>
        VisitChoice.TryParse(text, out var visit) ? visit : throw new UsageException($"--visit must be first-ogtt, baseline, latest or a visit number (got '{text}')");

    private static string Count(long? n) => n is { } v ? v.ToString("N0", CultureInfo.InvariantCulture) : "withheld";

    private static string Number(double? x, string format) => x is { } v ? v.ToString(format, CultureInfo.InvariantCulture) : "—";

    /// <summary>A model as released (the page's and the API's numbers): counts below the suppression threshold read "withheld".</summary>
    private static void Print(PhenotypesView v, bool json)
    {
        if (json)
        {
            Console.WriteLine(CohortJson.Serialize(v));
            return;
        }
        Console.WriteLine($"phenotype model v{v.Version}{(v.Current ? " (current)" : "")}: fitted {v.FittedAt:yyyy-MM-dd HH:mm:ss} UTC on {v.DataVersion}, {v.Visit}, seed {v.Seed}, {v.FitSeconds:0.0} s");
        Console.WriteLine($"  {v.Method}{(v.BySex ? ", women and men fitted separately" : "")}: {v.KReason}");
        if (v.BySex) Console.WriteLine($"  agreement with a pooled fit (ARI): women {Number(v.PooledAgreementWomen, "0.00")}, men {Number(v.PooledAgreementMen, "0.00")}");
        if (v.Membership is { } ms)
            Console.WriteLine($"  membership: mean top probability {ms.MeanTopProbability:0.00}, normalised entropy {ms.Entropy:0.00}; {Count(ms.Uncertain)} of {Count(ms.N)} training participants uncertain (top probability below {ms.UncertainBelow:0.0})");
        foreach (var c in v.Continuum) Console.WriteLine($"  {c.Statement}");
        if (v.Transfer is { } t)
            Console.WriteLine($"  transferred from {t.Source}; ARI against a refit here {Number(t.RefitAri, "0.000")} over {Count(t.Participants)} participants ({t.RefitSummary})");
        if (v.RuleTable is { } rule) Console.WriteLine($"  agreement with the HIRI/MISI tertile phenotypes (ARI): {Number(rule.AdjustedRandIndex, "0.000")}");
        Console.WriteLine($"  mean silhouette {v.Silhouette:0.000} ({v.SilhouetteReading}); features: {string.Join(", ", v.Features.Select(f => $"{f.Tissue}:{f.Metric}"))}");
        if (v.Dropped.Count > 0) Console.WriteLine($"  left out: {string.Join("; ", v.Dropped)}");
        var cov = v.CoverageAtFit;
        Console.WriteLine($"  at fit: {Count(cov.Clustered)} clustered, {Count(cov.Reduced)} reduced feature set, {Count(cov.Unclassifiable)} unclassifiable, {Count(cov.NoFeatureVisit)} without a feature visit");
        Console.WriteLine($"  {"#",2} {"phenotype",-24} {"sex",-5} {"assigned",9} {"uncertain",9} {"training",9} {"Jaccard",8} {"hepatic",8} {"muscle",8} {"adipose",8}");
        // Counts now exist for the current version only; an earlier one shows "—" there, not "withheld".
        string Now(long? n) => v.CoverageNow is null ? "—" : Count(n);
        foreach (var c in v.Clusters)
        {
            Console.WriteLine($"  {c.Number,2} {c.Label,-24} {c.Sex,-5} {Now(c.Assigned),9} {(v.IsMixture ? Now(c.Uncertain) : "—"),9} {Count(c.TrainingSize),9} {Number(c.Stability, "0.00"),8} " +
                $"{Number(c.Hepatic, "+0.00;-0.00"),8} {Number(c.Muscle, "+0.00;-0.00"),8} {Number(c.Adipose, "+0.00;-0.00"),8}");
            Console.WriteLine($"     {c.Rationale}");
        }
        Console.WriteLine($"  counts below {v.SuppressionThreshold} are withheld, as on the dashboard");
    }
}
