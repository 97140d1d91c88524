using Cohort.Domain.Indices;
using Cohort.Domain.Markers;
using Cohort.Domain.Units;

namespace Cohort.Ingest.Tests;

/// <summary>Each latent phenotype shows its physiology (docs/science.md#features and the archetype table), and the phenotypes overlap.</summary>
[Collection(CohortCollection.Name)]
public class SynthPhenotypeTests(GeneratedCohort cohort)
{
    private Dictionary<string, double> MedianBy(Func<ReadVisit, double?> metric) =>
        cohort.AllVisits.Where(v => v.Number == 1)
            .Select(v => (v.Phenotype, Value: metric(v))).Where(x => x.Value is not null)
            .GroupBy(x => x.Phenotype).ToDictionary(g => g.Key, g => g.Select(x => x.Value!.Value).Median());

    private static double? Index(ReadVisit v, IndexId id) => IndexCatalogue.Get(id).Compute(v.ToMeasurements(), ConversionFactors.Default).Value;

    private static void Highest(Dictionary<string, double> medians, string phenotype, params string[] over)
    {
        foreach (var other in over)
            Assert.True(medians[phenotype] > medians[other], $"{phenotype} ({medians[phenotype]:0.###}) should exceed {other} ({medians[other]:0.###})");
    }

    private const string Sensitive = "no-raised-tissue-score", Hepatic = "hepatic-dominant", Muscle = "muscle-dominant", Adipose = "adipose-dominant";

    [Fact]
    public void Hepatic_phenotype_has_high_fasting_glucose_HIRI_liver_enzymes_and_TG()
    {
        Highest(MedianBy(v => Index(v, IndexId.Hiri)), Hepatic, Sensitive, Muscle, Adipose);
        Highest(MedianBy(v => v.Get(Marker.Glucose)), Hepatic, Sensitive, Muscle, Adipose);
        Highest(MedianBy(v => v.Get(Marker.Alt)), Hepatic, Sensitive, Muscle, Adipose);
        Highest(MedianBy(v => v.Get(Marker.Ggt)), Hepatic, Sensitive, Muscle, Adipose);
        Highest(MedianBy(v => v.Get(Marker.Triglycerides)), Hepatic, Sensitive, Muscle);
    }

    [Fact]
    public void Muscle_phenotype_has_a_late_slow_glucose_curve_high_2h_glucose_and_late_insulin_and_low_MISI()
    {
        Highest(MedianBy(v => v.Glucose.GetValueOrDefault(120, double.NaN) is var g && double.IsNaN(g) ? null : g), Muscle, Sensitive, Hepatic, Adipose);
        Highest(MedianBy(v => v.Insulin.TryGetValue(120, out var i) ? i : null), Muscle, Sensitive, Hepatic, Adipose);
        var misi = MedianBy(v => Index(v, IndexId.Misi));
        Highest(misi.ToDictionary(kv => kv.Key, kv => -kv.Value), Muscle, Sensitive, Hepatic, Adipose);
        double LatePeakShare(string phenotype) => cohort.AllVisits
            .Where(v => v.Number == 1 && v.Phenotype == phenotype && v.Glucose.Count >= 4)
            .Average(v => v.Glucose.MaxBy(kv => kv.Value).Key >= 60 ? 1.0 : 0.0);
        Assert.True(LatePeakShare(Muscle) > LatePeakShare(Sensitive) + 0.15);
    }

    [Fact]
    public void Adipose_phenotype_has_high_NEFA_Adipo_IR_waist_and_TG_and_low_HDL()
    {
        Highest(MedianBy(v => v.Get(Marker.Nefa)), Adipose, Sensitive, Hepatic, Muscle);
        Highest(MedianBy(v => Index(v, IndexId.AdipoIr)), Adipose, Sensitive, Hepatic, Muscle);
        Highest(MedianBy(v => v.Get(Marker.Waist)), Adipose, Sensitive, Hepatic, Muscle);
        Highest(MedianBy(v => v.Get(Marker.Triglycerides)), Adipose, Sensitive, Muscle);
        Highest(MedianBy(v => -v.Get(Marker.Hdl)), Adipose, Sensitive, Hepatic, Muscle);
    }

    [Fact]
    public void Phenotypes_overlap()
    {
        // Some hepatic-dominant people have a HIRI an insulin-sensitive person could have. (The default effect size separates the
        // phenotypes more than published cohorts do, so that phenotyping can be checked against the truth; effect size 1 overlaps more.)
        var baseline = cohort.AllVisits.Where(v => v.Number == 1).ToArray();
        var sensitiveHiri = baseline.Where(v => v.Phenotype == Sensitive).Select(v => Index(v, IndexId.Hiri)).OfType<double>().ToArray();
        var p90 = Domain.Statistics.Percentile.Of(sensitiveHiri, 0.9);
        var hepaticBelow = baseline.Where(v => v.Phenotype == Hepatic).Select(v => Index(v, IndexId.Hiri)).OfType<double>().Average(x => x < p90 ? 1.0 : 0.0);
        Stats.Between(0.02, 0.85, hepaticBelow, "share of hepatic-dominant below the insulin-sensitive 90th HIRI percentile");
    }

    [Fact]
    public void Phenotype_shares_follow_the_parameters()
    {
        var n = (double)GeneratedCohort.Participants;
        Stats.Within(0.40, cohort.Manifest.Phenotypes[Sensitive] / n, 0.08, "no-raised-tissue-score share");
        Stats.Within(0.18, cohort.Manifest.Phenotypes[Hepatic] / n, 0.12, "hepatic share");
        Stats.Within(0.10, cohort.Manifest.Phenotypes["mixed"] / n, 0.15, "mixed share");
    }
}
