namespace Cohort.Ingest.Tests;

/// <summary>The generated files are Parquet that another reader (DuckDB) reads with the types of ARCHITECTURE.md's layouts.</summary>
[Collection(CohortCollection.Name)]
public class SynthFileTests(GeneratedCohort cohort)
{
    [Fact]
    public void DuckDB_agrees_on_row_counts()
    {
        Assert.Equal(GeneratedCohort.Participants, DuckDb.Scalar($"SELECT count(*) FROM read_parquet('{cohort.File("participants.parquet")}')"));
        Assert.Equal(cohort.Manifest.ObservationRows, DuckDb.Scalar($"SELECT count(*) FROM read_parquet('{cohort.File("observations.parquet")}')"));
        Assert.Equal(cohort.Manifest.Visits, DuckDb.Scalar($"SELECT count(*) FROM read_parquet('{cohort.File("truth.parquet")}')"));
        Assert.Equal(GeneratedCohort.Participants * GeneratedCohort.Visits, cohort.Manifest.Visits);
        Assert.Equal(cohort.Manifest.Visits, cohort.AllVisits.Count);
    }

    [Fact]
    public void DuckDB_agrees_on_column_types()
    {
        var obs = DuckDb.Types(cohort.File("observations.parquet"));
        Assert.Equal("VARCHAR", obs["participant_id"]);
        Assert.Equal("TIMESTAMP", obs["taken_at"]);
        Assert.Equal("VARCHAR", obs["marker"]);
        Assert.Equal("DOUBLE", obs["value"]);
        Assert.Equal("VARCHAR", obs["unit"]);
        Assert.Equal("INTEGER", obs["ogtt_minute"]);
        Assert.Equal("BOOLEAN", obs["fasting"]);

        var people = DuckDb.Types(cohort.File("participants.parquet"));
        Assert.Equal("VARCHAR", people["participant_id"]);
        Assert.Equal("VARCHAR", people["survey_strata"]);
        Assert.Equal("VARCHAR", people["survey_psu"]);
        // The design: a stratum per site, two PSUs in each, everyone in one.
        Assert.Equal(0L, DuckDb.Scalar($"SELECT count(*) FROM read_parquet('{cohort.File("participants.parquet")}') WHERE survey_strata <> 'ST-' || site OR survey_psu NOT IN ('1', '2')"));
        Assert.Equal(12L, DuckDb.Scalar($"SELECT count(DISTINCT (survey_strata, survey_psu)) FROM read_parquet('{cohort.File("participants.parquet")}')"));
        Assert.Equal("VARCHAR", people["sex"]);
        Assert.Equal("INTEGER", people["birth_year"]);
        Assert.Equal("VARCHAR", people["ethnicity"]);
        Assert.Equal("VARCHAR", people["site"]);
        Assert.Equal("DOUBLE", people["survey_weight"]);

        var truth = DuckDb.Types(cohort.File("truth.parquet"));
        Assert.Equal("DATE", truth["visit_date"]);
        Assert.Equal("INTEGER", truth["visit"]);
        Assert.Equal("VARCHAR", truth["phenotype"]);
        Assert.Equal("VARCHAR", truth["phase"]);
    }

    [Fact]
    public void About_twenty_results_a_visit_in_a_mix_of_site_units()
    {
        var perVisit = (double)cohort.Manifest.ObservationRows / cohort.Manifest.Visits;
        Stats.Between(17, 21, perVisit, "rows per visit");
        HashSet<string> UnitsOf(string marker) =>
            DuckDb.Query($"SELECT DISTINCT unit FROM read_parquet('{cohort.File("observations.parquet")}') WHERE marker = '{marker}'")
                .Select(r => (string)r[0]!).ToHashSet();
        Assert.Superset(new HashSet<string> { "mg/dL", "mg/dl", "mmol/L", "mmol/l" }, UnitsOf("glucose"));
        var insulinUnits = UnitsOf("insulin");
        Assert.Contains("pmol/L", insulinUnits);
        Assert.Contains("µU/mL", insulinUnits);
        Assert.Equal(new HashSet<string> { "%", "mmol/mol" }, UnitsOf("hba1c"));
    }

    [Fact]
    public void Most_visits_have_an_OGTT_and_NEFA_is_often_absent()
    {
        var withOgtt = cohort.AllVisits.Count(v => v.Glucose.Count > 0) / (double)cohort.AllVisits.Count;
        Stats.Between(0.82, 0.88, withOgtt, "share of visits with an OGTT");
        Assert.All(cohort.AllVisits.Where(v => v.Glucose.Count > 0), v => Assert.Contains(0, v.Glucose.Keys));
        var withNefa = cohort.AllVisits.Count(v => v.Get(Domain.Markers.Marker.Nefa) is not null) / (double)cohort.AllVisits.Count;
        Stats.Between(0.31, 0.39, withNefa, "share of visits with NEFA");
    }

    [Fact]
    public void Unknown_sex_and_ethnicity_are_values_not_dropped_rows()
    {
        Assert.Contains(cohort.People.Values, p => p.Sex is null);
        Assert.Contains(cohort.People.Values, p => p.Ethnicity == "Unknown");
        Assert.True(cohort.People.Values.Select(p => p.Site).Distinct().Count() >= 5);
    }
}
