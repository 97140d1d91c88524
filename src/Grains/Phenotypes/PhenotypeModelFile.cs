using System.Text.Json;
using System.Text.Json.Serialization;
using Cohort.Contracts.Phenotypes;
using Cohort.Contracts.Queries;
using Cohort.Domain.Markers;
using Cohort.Domain.Phenotypes;
using Cohort.Phenotyping.Features;
using Cohort.Phenotyping.Mixtures;

namespace Cohort.Grains.Phenotypes;

/// <summary>
/// A phenotype model as a file another Cohort can import to assign its participants without refitting (docs/phenotype-model-format.md):
/// the method and family, the feature visit and training population, each feature with its unit, transform and orientation, the scaler
/// (means and SDs per sex group), the missing-feature policy, every cluster (label, sex, centre, and for a mixture its weight and
/// covariance) and the HIRI/MISI tertiles. Reading checks everything and names each problem by its place in the file; a feature whose
/// unit differs from the importing cohort's is refused, because the scaler's means would then mean something else.
/// </summary>
internal static class PhenotypeModelFile
{
    public const string Format = "cohort-phenotype-model";
    public const int FormatVersion = 1;

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower, WriteIndented = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    // Reference-typed fields are nullable: a file may omit them, and Read names what is missing.
    public sealed record File(string? Format, int FormatVersion, DateTimeOffset ExportedAt, Source? Source, string? Method, string? Family, bool BySex,
        string? Visit, string? Population, Feature[]? Features, Scaler? Scaler, Policy? Policy, Cluster[]? Clusters, TissueRule? TissueRule);
    public sealed record Source(string DataVersion, int ModelVersion, DateTimeOffset FittedAt, long TrainingParticipants, string TrainedOn, double Silhouette);
    public sealed record Feature(string Metric, string Unit, string Tissue, bool Log, int Orientation, string Why);
    public sealed record Scaler(string[]? Groups, float[][]? Means, float[][]? Sds);
    public sealed record Policy(double DropFeatureAbove, int MinimumPerTissue, int MaximumMissing);
    public sealed record Cluster(int Number, string Label, string Sex, float[] Centre, double? Weight, double[]? Covariance, long TrainingSize,
        double Stability, string Rationale);
    public sealed record TissueRule(double HiriUpperTertile, double MisiLowerTertile, long N, string Population, string HiriUnit, string MisiUnit);

    private static string SexCode(byte sex) => sex switch { 1 => "F", 2 => "M", _ => "all" };

    public static string Write(PhenotypeModel m, MarkerRegistry markers)
    {
        var file = new File(Format, FormatVersion, DateTimeOffset.UtcNow,
            new Source(m.DataVersion, m.Version, m.FittedAt, m.TrainingParticipants, m.TrainedOn, m.Silhouette),
            m.IsMixture ? "gmm" : "kmeans", m.IsMixture ? m.Family : null, m.BySex, m.Visit.Code, string.IsNullOrEmpty(m.Population) ? TrainingPopulation.OutsideDiabetes.Code() : m.Population,
            m.Features.Select(f => new Feature(f.Metric, UnitOf(f.Metric, markers) ?? "", f.Tissue, f.Log, f.Orientation, f.Why)).ToArray(),
            new Scaler(["unknown-sex", "F", "M"], m.Means, m.Sds),
            new Policy(m.Policy.DropFeatureAbove, m.Policy.MinimumPerTissue, m.Policy.MaximumMissing),
            m.Clusters.Select(c => new Cluster(c.Number, c.Label, SexCode(c.Sex), c.Centroid, m.IsMixture ? c.Weight : null, c.Covariance, c.TrainingSize,
                c.Stability, c.Rationale)).ToArray(),
            m.TissueRule is { } r ? new TissueRule(r.HiriUpperTertile, r.MisiLowerTertile, r.N, r.Population, r.HiriUnit, r.MisiUnit) : null);
        return JsonSerializer.Serialize(file, Json);
    }

    private static string? UnitOf(string metric, MarkerRegistry markers) =>
        metric == FeatureSelection.Age ? "years" : markers.TryResolveMetric(metric, out var m) ? m.Unit : null;

    /// <summary>The model a file describes, checked against this cohort's metrics; an <see cref="ArgumentException"/> lists every problem.</summary>
    public static (PhenotypeModel Model, Source Source) Read(string json, MarkerRegistry markers)
    {
        File? f;
        try { f = JsonSerializer.Deserialize<File>(json, Json); }
        catch (JsonException e) { throw new ArgumentException($"the model file is not valid JSON of this format: {e.Message}"); }
        if (f is null) throw new ArgumentException("the model file is empty");
        var problems = new List<string>();
        void Check(bool ok, string problem) { if (!ok) problems.Add(problem); }
        Check(f.Format == Format, $"format: expected '{Format}', found '{f.Format}'");
        Check(f.FormatVersion == FormatVersion, $"format_version: this Cohort reads version {FormatVersion}, not {f.FormatVersion}");
        Check(f.Source is not null, "source: the derivation cohort's description is missing");
        Check(f.Policy is not null, "policy: the missing-feature policy is missing");
        Check(f.Source is { DataVersion: not null, TrainedOn: not null }, "source: data_version and trained_on are needed");
        Check(f.Scaler is { Means: not null, Sds: not null, Groups: not null }, "scaler: groups, means and sds are needed");
        Check(f.Features is not null && f.Features.All(x => x is not null), "features: an array of feature objects is needed");
        Check(f.Clusters is not null && f.Clusters.All(x => x is not null), "clusters: an array of cluster objects is needed");
        if (problems.Count > 0) throw new ArgumentException(string.Join("; ", problems));
        Check(f.Method is "kmeans" or "gmm", $"method: '{f.Method}' is not kmeans or gmm");
        var gmm = f.Method == "gmm";
        if (gmm) foreach (var part in (f.Family ?? "").Split('/')) Check(CovarianceModels.TryParse(part, out _), $"family: '{f.Family}' is not a covariance family (EII, VII, EEI, VVI, EEE, VVV)");
        var known = VisitChoice.TryParse(f.Visit, out var visit);
        Check(known, $"visit: '{f.Visit}' is not baseline, latest, first-ogtt or a visit number");
        Check(TrainingPopulationNames.TryParse(f.Population, out _), $"population: '{f.Population}' is not outside-diabetes, diabetes or everyone");
        var features = f.Features!;
        var d = features.Length;
        Check(d >= 2, $"features: a model needs at least two features, the file has {d}");
        for (var j = 0; j < d; j++)
        {
            var x = features[j];
            var unit = UnitOf(x.Metric, markers);
            Check(unit is not null, $"features[{j}]: '{x.Metric}' is not a metric of this cohort (declare it with `cohort markers add` first)");
            Check(unit is null || string.Equals(unit, x.Unit, StringComparison.Ordinal), $"features[{j}]: '{x.Metric}' is in {x.Unit} in the file but in {unit} here; the scaler would not apply");
            Check(x.Tissue is "hepatic" or "muscle" or "adipose" or "none", $"features[{j}].tissue: '{x.Tissue}' is not hepatic, muscle, adipose or none");
            Check(x.Orientation is 1 or -1, $"features[{j}].orientation: must be 1 or -1, not {x.Orientation}");
        }
        var s = f.Scaler!;
        Check(s.Groups!.SequenceEqual(["unknown-sex", "F", "M"]), "scaler.groups: must be [\"unknown-sex\", \"F\", \"M\"], in that order");
        var (means, sds) = (s.Means!, s.Sds!);
        var shaped = means.Length == 3 && sds.Length == 3 && means.All(r => r?.Length == d) && sds.All(r => r?.Length == d);
        Check(shaped, $"scaler: means and sds need three groups (unknown-sex, F, M) of {d} values each");
        if (shaped) Check(sds.All(r => r.All(v => float.IsFinite(v) && v > 0)) && means.All(r => r.All(float.IsFinite)), "scaler: every mean must be finite and every SD positive");
        var p = f.Policy!;
        Check(p.DropFeatureAbove is >= 0 and <= 1, $"policy.drop_feature_above: a share in [0, 1], not {p.DropFeatureAbove}");
        Check(p.MinimumPerTissue >= 1, $"policy.minimum_per_tissue: at least 1, not {p.MinimumPerTissue}");
        Check(p.MaximumMissing >= 0 && p.MaximumMissing < d, $"policy.maximum_missing: from 0 to {d - 1} (fewer than the features), not {p.MaximumMissing}");
        var clusters = f.Clusters!;
        Check(clusters.Length is >= 2 and <= 24, $"clusters: a model has 2–24 clusters, the file has {clusters.Length}");
        if (f.BySex)
            foreach (var (sexCode, name) in new[] { ("F", "women"), ("M", "men") })
                Check(clusters.Count(x => x.Sex == sexCode) is >= 2 and <= 12, $"clusters: a sex-specific model needs 2–12 clusters for {name}");
        else Check(clusters.Length <= 12, $"clusters: a pooled model has at most 12 clusters, the file has {clusters.Length}");
        var parsed = new List<PhenotypeCluster>();
        for (var c = 0; c < clusters.Length; c++)
        {
            var x = clusters[c];
            Check(PhenotypeNames.TryParse(x.Label, out var label) && label != Phenotype.Unclassified, $"clusters[{c}].label: '{x.Label}' is not a phenotype label");
            var sex = x.Sex switch { "F" => (byte)1, "M" => (byte)2, "all" => (byte)0, _ => (byte)255 };
            Check(sex != 255, $"clusters[{c}].sex: '{x.Sex}' is not F, M or all");
            Check(f.BySex ? sex is 1 or 2 : sex == 0, $"clusters[{c}].sex: a {(f.BySex ? "sex-specific" : "pooled")} model's clusters are {(f.BySex ? "F or M" : "all")}");
            Check(x.Centre?.Length == d && x.Centre.All(float.IsFinite), $"clusters[{c}].centre: needs {d} finite values");
            if (gmm)
            {
                Check(x.Weight is > 0 and <= 1, $"clusters[{c}].weight: a mixing proportion in (0, 1] is needed");
                var covariance = x.Covariance;
                var square = covariance?.Length == d * d && covariance.All(double.IsFinite);
                Check(square && GaussianMixture.Cholesky(covariance!, d) is not null, $"clusters[{c}].covariance: needs a positive-definite {d} × {d} matrix, row-major");
                if (square) Check(Symmetric(covariance!, d), $"clusters[{c}].covariance: is not symmetric");
                if (square && FamilyOf(f.Family, sex) is { } family) Check(Fits(family, covariance!, d), $"clusters[{c}].covariance: is not of the {family} family ({family.Describe()})");
            }
            parsed.Add(new PhenotypeCluster
            {
                Number = c + 1, Label = x.Label, Phenotype = (byte)label, Centroid = x.Centre ?? [], Hepatic = double.NaN, Muscle = double.NaN, Adipose = double.NaN,
                Rationale = x.Rationale ?? "", TrainingSize = x.TrainingSize, Stability = x.Stability, Stable = x.Stability >= Domain.Phenotypes.ClusterStability.Stable,
                Weight = x.Weight ?? 0, Covariance = gmm ? x.Covariance : null, Sex = sex,
            });
        }
        if (gmm)
        {
            // Weights sum to one (within each sex for a sex-specific model); an equal-covariance family shares one matrix.
            foreach (var group in clusters.GroupBy(x => x.Sex))
            {
                Check(Math.Abs(group.Sum(x => x.Weight ?? 0) - 1) < 1e-6, $"clusters: the weights of {(group.Key == "all" ? "the" : group.Key)} clusters sum to {group.Sum(x => x.Weight ?? 0):0.######}, not 1");
                var first = group.First().Covariance;
                if (FamilyOf(f.Family, group.Key == "M" ? (byte)2 : (byte)1) is { } family && family.Shared() && first is not null)
                    Check(group.All(x => x.Covariance is { } cov && cov.Length == first.Length && cov.Zip(first).All(t => Math.Abs(t.First - t.Second) <= 1e-9 * Math.Max(1, Math.Abs(t.Second)))),
                        $"clusters: the {family} family shares one covariance matrix, but the file's differ");
            }
        }
        if (f.TissueRule is { } rule)
        {
            Check(double.IsFinite(rule.HiriUpperTertile) && double.IsFinite(rule.MisiLowerTertile), "tissue_rule: the tertile boundaries must be finite numbers");
            Check(UnitOf("hiri", markers) == rule.HiriUnit && UnitOf("misi", markers) == rule.MisiUnit,
                $"tissue_rule: tertiles in {rule.HiriUnit} and {rule.MisiUnit} do not apply to this cohort's HIRI ({UnitOf("hiri", markers)}) and MISI ({UnitOf("misi", markers)})");
        }
        if (problems.Count > 0) throw new ArgumentException(string.Join("; ", problems));
        var model = new PhenotypeModel
        {
            Version = 0, FittedAt = f.Source!.FittedAt, DataVersion = f.Source.DataVersion!, Visit = visit,
            Features = features.Select(x => new PhenotypeFeatureInfo(x.Metric, x.Tissue, x.Log, x.Orientation, x.Why ?? "")).ToArray(),
            Dropped = [], Means = means, Sds = sds, Clusters = [.. parsed], Candidates = [],
            KReason = "", Silhouette = f.Source.Silhouette, Coverage = new long[4], Seed = 0,
            Policy = new PhenotypePolicy(p.DropFeatureAbove, p.MinimumPerTissue, p.MaximumMissing,
                new MissingFeaturePolicy(p.DropFeatureAbove, p.MinimumPerTissue, p.MaximumMissing).Describe()),
            FitSeconds = 0, TrainingParticipants = f.Source.TrainingParticipants, AllocatedMegabytes = 0,
            Method = f.Method!, Family = gmm ? f.Family! : "", BySex = f.BySex, Population = f.Population!, TrainedOn = f.Source.TrainedOn!, Preset = "imported",
            TissueRule = f.TissueRule is { } t ? new PhenotypeTissueRule(t.HiriUpperTertile, t.MisiLowerTertile, t.N, t.Population, t.HiriUnit, t.MisiUnit) : null,
        };
        return (model, f.Source!);
    }

    private static bool Symmetric(double[] m, int d)
    {
        for (var i = 0; i < d; i++)
            for (var j = 0; j < i; j++)
                if (Math.Abs(m[i * d + j] - m[j * d + i]) > 1e-9 * Math.Max(1, Math.Abs(m[i * d + j]))) return false;
        return true;
    }

    /// <summary>The family of a cluster's sex ("VVV/EEE": women's, then men's, for a sex-specific model), or null when not parseable.</summary>
    private static CovarianceModel? FamilyOf(string? family, byte sex)
    {
        var parts = (family ?? "").Split('/');
        var part = parts.Length == 2 && sex == 2 ? parts[1] : parts[0];
        return CovarianceModels.TryParse(part, out var m) ? m : null;
    }

    /// <summary>Whether a covariance matrix has the family's shape: diagonal for the *I families, with equal variances for EII and VII.</summary>
    private static bool Fits(CovarianceModel family, double[] m, int d)
    {
        if (family is CovarianceModel.EEE or CovarianceModel.VVV) return true;
        for (var i = 0; i < d; i++)
            for (var j = 0; j < d; j++)
                if (i != j && m[i * d + j] != 0) return false;
        if (family is CovarianceModel.EII or CovarianceModel.VII)
            for (var i = 1; i < d; i++)
                if (Math.Abs(m[i * d + i] - m[0]) > 1e-9 * Math.Max(1, Math.Abs(m[0]))) return false;
        return true;
    }
}
