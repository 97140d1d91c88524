using Cohort.Domain.Indices;
using Cohort.Domain.Markers;

namespace Cohort.Ingest.Tests;

/// <summary>Marginals and correlations of the measured baseline values against docs/science.md#synthetic-cohort-targets.</summary>
[Collection(CohortCollection.Name)]
public class SynthStatisticsTests(GeneratedCohort cohort)
{
    private IEnumerable<ReadVisit> Baseline(Sex sex) => cohort.AllVisits.Where(v => v.Number == 1 && v.Sex == sex);

    private static IEnumerable<double> Values(IEnumerable<ReadVisit> visits, Marker m) => visits.Select(v => v.Get(m)).OfType<double>();

    [Theory]
    [InlineData(Sex.Male, 29.1, 6.0, 102, 15)]
    [InlineData(Sex.Female, 29.6, 7.2, 98, 16)]
    public void Anthropometrics_by_sex(Sex sex, double bmiMean, double bmiSd, double waistMean, double waistSd)
    {
        var bmi = Values(Baseline(sex), Marker.Bmi).ToArray();
        Stats.Within(bmiMean, bmi.Mean(), 0.04, "BMI mean");
        Stats.Within(bmiSd, bmi.Sd(), 0.15, "BMI SD");
        var waist = Values(Baseline(sex), Marker.Waist).ToArray();
        Stats.Within(waistMean, waist.Mean(), 0.03, "waist mean");
        Stats.Within(waistSd, waist.Sd(), 0.15, "waist SD");
    }

    [Theory]
    [InlineData(Sex.Male, 5.5, 0.55, 1.35, 1.20, 25, 25)]
    [InlineData(Sex.Female, 5.3, 0.50, 1.10, 1.50, 18, 17)]
    public void Laboratory_marginals_by_sex(Sex sex, double fpgMean, double fpgSd, double tgGeoMean, double hdlMean, double altMedian, double ggtMedian)
    {
        var nonDiabetic = Baseline(sex).Where(v => v.Category != "diabetes").ToArray();
        var fpg = Values(nonDiabetic, Marker.Glucose).ToArray();
        Stats.Within(fpgMean, fpg.Mean(), 0.03, "non-diabetic fasting glucose mean");
        Stats.Within(fpgSd, fpg.Sd(), 0.25, "non-diabetic fasting glucose SD");
        var lnTg = Values(Baseline(sex), Marker.Triglycerides).Select(x => Math.Log(x)).ToArray();
        Stats.Within(tgGeoMean, Math.Exp(lnTg.Mean()), 0.10, "TG geometric mean");
        Stats.Within(0.5, lnTg.Sd(), 0.15, "TG ln-SD");
        Stats.Within(hdlMean, Values(Baseline(sex), Marker.Hdl).Mean(), 0.06, "HDL mean");
        Stats.Within(altMedian, Values(Baseline(sex), Marker.Alt).Median(), 0.15, "ALT median");
        Stats.Within(ggtMedian, Values(Baseline(sex), Marker.Ggt).Median(), 0.15, "GGT median");
    }

    [Fact]
    public void Insulin_and_HbA1c_in_non_diabetic_adults()
    {
        var nonDiabetic = cohort.AllVisits.Where(v => v.Number == 1 && v.Category != "diabetes").ToArray();
        var insulin = Values(nonDiabetic, Marker.Insulin).ToArray();
        Stats.Within(60, insulin.Median(), 0.15, "fasting insulin median (pmol/L)");
        Stats.Within(0.65, insulin.Select(x => Math.Log(x)).Sd(), 0.2, "fasting insulin ln-SD");
        var hba1cPercent = Values(nonDiabetic, Marker.HbA1c).Select(x => x / 10.929 + 2.15).ToArray();
        Stats.Within(5.4, hba1cPercent.Mean(), 0.03, "HbA1c mean (%)");
        var homa = nonDiabetic.Select(v => IndexCatalogue.Get(IndexId.HomaIr).Compute(v.ToMeasurements(), Domain.Units.ConversionFactors.Default).Value)
            .OfType<double>().ToArray();
        Stats.Between(1.8, 2.8, homa.Median(), "non-diabetic HOMA-IR median");
    }

    [Fact]
    public void Correlations_of_reference_section_6()
    {
        var baseline = cohort.AllVisits.Where(v => v.Number == 1).ToArray();
        (double, double)[] Pairs(Func<ReadVisit, double?> x, Func<ReadVisit, double?> y) =>
            baseline.Where(v => x(v) is not null && y(v) is not null).Select(v => (x(v)!.Value, y(v)!.Value)).ToArray();
        Stats.Between(0.75, 0.95, Stats.Correlation(Pairs(v => v.Get(Marker.Waist), v => v.Get(Marker.Bmi))), "r(waist, BMI)");
        Stats.Between(0.3, 0.65, Stats.Correlation(Pairs(v => Ln(v.Get(Marker.Insulin)), v => v.Get(Marker.Bmi))), "r(log insulin, BMI)");
        Stats.Between(-0.6, -0.25, Stats.Correlation(Pairs(v => Ln(v.Get(Marker.Triglycerides)), v => v.Get(Marker.Hdl))), "r(log TG, HDL)");
        Stats.Between(0.3, 0.7, Stats.Correlation(Pairs(v => Ln(v.Get(Marker.Alt)), v => Ln(v.Get(Marker.Ggt)))), "r(log ALT, log GGT)");
    }

    [Fact]
    public void Age_sex_and_diabetes_prevalence_are_adult_population_like()
    {
        var ages = cohort.AllVisits.Where(v => v.Number == 1)
            .Select(v => cohort.People[v.ParticipantId].BirthYear is { } y ? v.Date.Year - y : (int?)null).OfType<int>().ToArray();
        Stats.Between(46, 51, ages.Select(a => (double)a).Mean(), "mean age");
        Assert.True(ages.Min() >= 19 && ages.Max() <= 86);
        var women = cohort.People.Values.Count(p => p.Sex == "F") / (double)cohort.People.Count;
        Stats.Between(0.49, 0.55, women, "share of women");
        var diabetic = cohort.AllVisits.Count(v => v.Number == 1 && v.Category == "diabetes") / (double)GeneratedCohort.Participants;
        Stats.Between(0.06, 0.14, diabetic, "baseline diabetes-range prevalence");
    }

    [Fact]
    public void Within_person_noise_is_visible_between_visits()
    {
        // Insulin varies about 29% within a person (Poon 2018): consecutive fasting values of the same person differ clearly.
        var byPerson = cohort.AllVisits.GroupBy(v => v.ParticipantId).Select(g => g.OrderBy(v => v.Number).ToArray());
        var logRatios = byPerson.Where(g => g[0].Get(Marker.Insulin) is not null && g[1].Get(Marker.Insulin) is not null)
            .Select(g => Math.Log(g[1].Get(Marker.Insulin)!.Value / g[0].Get(Marker.Insulin)!.Value)).ToArray();
        Stats.Between(0.3, 0.6, logRatios.Sd(), "SD of visit-to-visit log insulin ratio");
    }

    private static double? Ln(double? x) => x is { } v ? Math.Log(v) : null;
}
