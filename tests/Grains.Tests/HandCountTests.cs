using Cohort.Contracts.Queries;
using Cohort.Domain.Cutoffs;
using Cohort.Domain.Indices;
using Cohort.Ingest.Export;

namespace Cohort.Grains.Tests;

/// <summary>
/// Categories, phases and registry cut-off prevalence of a generated cohort (with its non-fasting samples, diagnosed and treated
/// diabetes, anaemia and 3-h OGTTs) equal a count by hand: the visits are exported, read back by DuckDB, and the published rules
/// applied here in plain code to the exported values (each glucose and HbA1c judged in the unit its site reported it in, as the
/// generator's site profiles say), independently of the platform's classifiers.
/// </summary>
public sealed class HandCountTests(IngestedCohort cohort) : IClassFixture<IngestedCohort>
{
    private const int Suppression = 11;

    private sealed record Row(string Id, string? Site, string? Sex, int? Age, string Category, string Phase, string[] Flags,
        double? Glucose, double? Glucose2h, double? HbA1c, double? Hemoglobin, double? Egfr, double? HomaIr, double? Bmi);

    private static CohortQuery Q() => new(CohortFilter.All, VisitChoice.Baseline, Dimension.None, 2.5);

    private async Task<Row[]> Baseline()
    {
        var dir = Path.Combine(Path.GetTempPath(), "cohort-handcount-" + Guid.NewGuid().ToString("N"));
        try
        {
            await CohortExport.WriteAsync(cohort.Cluster.Grains, dir);
            var file = Path.Combine(dir, CohortExport.Visits);
            static double? D(object? x) => x is null ? null : Convert.ToDouble(x);
            return DuckDb.Query($"""
                SELECT participant_id, site, sex, year(visit_date) - birth_year, glycaemic_category, phase, visit_flags,
                       glucose, glucose_2h, hba1c, hemoglobin, egfr, homa_ir, bmi
                FROM read_parquet('{file}') WHERE visit = 1
                """).Select(r => new Row((string)r[0]!, (string?)r[1], (string?)r[2], r[3] is null ? null : Convert.ToInt32(r[3]), (string)r[4]!, (string)r[5]!,
                    ((string)r[6]!).Split(';', StringSplitOptions.RemoveEmptyEntries), D(r[7]), D(r[8]), D(r[9]), D(r[10]), D(r[11]), D(r[12]), D(r[13]))).ToArray();
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    // The generator's sites: glucose in mg/dL at S01, S02 and S06 (whole numbers), otherwise mmol/L (one decimal); HbA1c in % at S01,
    // S02 and S05 (one decimal), otherwise mmol/mol (whole numbers); haemoglobin in g/L at S03 and S04, otherwise g/dL.
    private static bool GlucoseInMgDl(Row r) => r.Site is "S01" or "S02" or "S06";
    private static bool HbA1cInPercent(Row r) => r.Site is "S01" or "S02" or "S05";

    /// <summary>0 normal, 1 intermediate, 2 diabetes range under ADA 2025, in the unit the site reported.</summary>
    private static int? GlucoseBand(Row r, double? mmol, double fromMmol, double diabetesMmol, double fromMgDl, double diabetesMgDl)
    {
        if (mmol is not { } x) return null;
        var (v, from, diabetes) = GlucoseInMgDl(r) ? (Math.Round(x * 18, 0), fromMgDl, diabetesMgDl) : (Math.Round(x, 1), fromMmol, diabetesMmol);
        return v >= diabetes ? 2 : v >= from ? 1 : 0;
    }

    private static string HandCategory(Row r)
    {
        if (r.Flags.Any(f => f is "diagnosed_diabetes" or "glucose_lowering_medication" or "insulin_treatment" or "random_glucose_diabetes")) return "diabetes";
        var fasting = GlucoseBand(r, r.Glucose, 5.6, 7.0, 100, 126);
        var twoHour = GlucoseBand(r, r.Glucose2h, 7.8, 11.1, 140, 200);
        // HbA1c is not used with anaemia (WHO 2024: haemoglobin below 12.0 g/dL in women and unknown sex, 13.0 in men) or eGFR < 30.
        var anaemic = r.Hemoglobin is { } hb && (r.Site is "S03" or "S04" ? Math.Round(hb * 10, 0) / 10 : Math.Round(hb, 1)) < (r.Sex == "M" ? 13.0 : 12.0);
        int? a1c = null;
        if (r.HbA1c is { } h && !anaemic && !(r.Egfr < 30))
        {
            var (v, from, diabetes) = HbA1cInPercent(r) ? (Math.Round(h / 10.929 + 2.15, 1), 5.7, 6.5) : (Math.Round(h, 0), 39.0, 48.0);
            a1c = v >= diabetes ? 2 : v >= from ? 1 : 0;
        }
        int?[] bands = [fasting, twoHour, a1c];
        return bands.Contains(2) ? "diabetes" : bands.Contains(1) ? "prediabetes" : bands.Contains(0) ? "normal" : "unknown";
    }

    private static string HandPhase(Row r) => HandCategory(r) switch
    {
        "diabetes" => "diabetes-range",
        "prediabetes" => "intermediate",
        "normal" => r.HomaIr is { } h ? (h >= 2.5 ? "compensated" : "normal") : "unknown",
        _ => "unknown",
    };

    private static void AssertReleased(long? released, long exact, string what)
    {
        if (released is { } n) Assert.True(n == exact, $"{what}: released {n}, counted by hand {exact}");
        else Assert.True(exact is > 0 and < Suppression, $"{what}: suppressed, but counted by hand {exact}");
    }

    [Fact]
    public async Task Glycaemic_categories_at_baseline_equal_a_hand_count_of_the_exported_visits()
    {
        var rows = await Baseline();
        Assert.Equal(cohort.Participants.Count(p => p.Visits.Count > 0), rows.Length);
        foreach (var r in rows) Assert.True(HandCategory(r) == r.Category, $"{r.Id}: exported {r.Category}, by hand {HandCategory(r)} ({string.Join(";", r.Flags)})");
        // The generator's real-data cases are in this cohort, so the rules above were exercised.
        Assert.Contains(rows, r => r.Flags.Contains("diagnosed_diabetes"));
        Assert.Contains(rows, r => r.Flags.Contains("hba1c_unreliable_anaemia"));
        Assert.Contains(rows, r => r.Flags.Contains("glucose_not_fasting") || r.Flags.Contains("fasting_status_unknown"));

        foreach (var category in new[] { "normal", "prediabetes", "diabetes" })
        {
            var p = await cohort.Query.Prevalence(Q(), new Condition(ConditionKind.Category, category));
            var determined = rows.Count(r => HandCategory(r) != "unknown");
            AssertReleased(p.Total.Cases, rows.Count(r => HandCategory(r) == category), $"{category} cases");
            AssertReleased(p.Total.Total, determined, $"{category} denominator");
        }
    }

    [Fact]
    public async Task Phases_at_baseline_equal_a_hand_count_under_the_chosen_cut_off()
    {
        var rows = await Baseline();
        foreach (var r in rows) Assert.True(HandPhase(r) == r.Phase, $"{r.Id}: exported {r.Phase}, by hand {HandPhase(r)}");
        foreach (var phase in new[] { "normal", "compensated", "intermediate", "diabetes-range" })
        {
            var p = await cohort.Query.Prevalence(Q(), new Condition(ConditionKind.Phase, phase));
            AssertReleased(p.Total.Cases, rows.Count(r => HandPhase(r) == phase), $"{phase} cases");
        }
    }

    [Fact]
    public async Task Each_registry_cut_off_counts_only_the_visits_it_applies_to()
    {
        var rows = await Baseline();
        var result = await cohort.Query.HomaIrCutoffs(Q());
        Assert.Equal(CutoffRegistry.WithThreshold.Count(), result.Registry.Count);
        var withHoma = rows.Count(r => r.HomaIr is not null);
        foreach (var released in result.Registry)
        {
            var c = CutoffRegistry.Get(released.Id);
            long eligible = 0, cases = 0;
            foreach (var r in rows)
            {
                var sex = r.Sex switch { "F" => Sex.Female, "M" => Sex.Male, _ => Sex.Unknown };
                if (c.Sex is { } only && sex != only) continue;
                if (c.DerivedWithoutDiabetes == true && HandCategory(r) == "diabetes") continue;
                if ((c.AgeMin is not null || c.AgeMax is not null) && (r.Age is not { } age || age < c.AgeMin || age > c.AgeMax)) continue;
                if (r.HomaIr is not { } homa) continue;
                if (c.FastingGlucoseMaxMgDl is { } ceiling && !(r.Glucose * 18 <= ceiling)) continue;
                bool isCase;
                if (c.Id == "stern-2005")
                {
                    // HOMA-IR > 4.65, or BMI > 28.9, or BMI > 27.5 with HOMA-IR > 3.60.
                    if (homa <= 4.65 && r.Bmi is null) continue;
                    isCase = homa > 4.65 || r.Bmi > 28.9 || (r.Bmi > 27.5 && homa > 3.60);
                }
                else isCase = c.Inclusive ? homa >= c.Value : homa > c.Value;
                eligible++;
                if (isCase) cases++;
            }
            AssertReleased(released.Total, eligible, $"{c.Id} denominator");
            if (released.Cases is { } k) Assert.True(k == cases, $"{c.Id}: {k} cases released, {cases} by hand");
            else Assert.True(eligible == 0 || cases is > 0 and < Suppression || eligible - cases is > 0 and < Suppression || eligible < Suppression,
                $"{c.Id}: suppressed with {cases} of {eligible}");
            if (released.NotCounted is { } nc) Assert.Equal(withHoma - eligible, nc);
            Assert.NotEmpty(released.AppliedConditions);
        }
        // The conditions bite: a sex-specific cut-off counts one sex, a cut-off derived without diabetes leaves diabetes out.
        var men = result.Registry.Single(r => r.Id == "yun-2016-men");
        Assert.True(men.Total < withHoma);
        var bonora = result.Registry.Single(r => r.Id == "bonora-1998");
        Assert.True(bonora.NotCounted > 0);
    }
}
