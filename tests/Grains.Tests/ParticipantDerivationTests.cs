using Cohort.Contracts.Participants;
using Cohort.Domain.Markers;
using Cohort.Domain.Metrics;
using Cohort.Domain.Units;
using Cohort.Grains.Hosting;
using Cohort.Grains.Participants;

namespace Cohort.Grains.Tests;

/// <summary>
/// A shard's summary of a participant and the participant grain's visits come from one derivation: the summary, built without
/// keeping an evaluated visit, has each visit's date, category, phase, flags and every metric exactly as the evaluated visits give them.
/// </summary>
public sealed class ParticipantDerivationTests
{
    private static readonly DateTime Day0 = new(2021, 9, 14, 8, 0, 0, DateTimeKind.Utc);

    private static ObservationColumns Rows(params (Marker Marker, double Raw, string Unit, int Day, sbyte Fasting, short Minute)[] rows)
    {
        var spellings = rows.Select(r => r.Unit).Distinct().ToArray();
        return new ObservationColumns
        {
            Marker = rows.Select(r => (byte)r.Marker).ToArray(),
            TakenAt = rows.Select(r => (long)(Day0.AddDays(r.Day).AddMinutes(Math.Max((short)0, r.Minute)) - DateTime.UnixEpoch).TotalMilliseconds).ToArray(),
            OgttMinute = rows.Select(r => r.Minute).ToArray(),
            Value = rows.Select(r => UnitSpelling.TryParse(r.Unit, out var u) ? UnitConverter.Default.ToCanonical(r.Marker, r.Raw, u).Value : throw new ArgumentException(r.Unit)).ToArray(),
            RawValue = rows.Select(r => r.Raw).ToArray(),
            RawUnit = rows.Select(r => (byte)Array.IndexOf(spellings, r.Unit)).ToArray(), UnitSpellings = spellings,
            Fasting = rows.Select(r => r.Fasting).ToArray(), Flags = new byte[rows.Length], Run = new ushort[rows.Length], Runs = [],
        };
    }

    [Fact]
    public void A_shards_summary_has_what_the_evaluated_visits_give()
    {
        var table = new ObservationTable(new ObservationColumns());
        table.Merge(Rows(
            // An OGTT visit with lipids, liver enzymes and body size; a visit in the diabetes range; a non-fasting glucose only.
            (Marker.Glucose, 5.1, "mmol/L", 0, 1, 0), (Marker.Glucose, 8.8, "mmol/L", 0, 1, 30), (Marker.Glucose, 6.9, "mmol/L", 0, 1, 120),
            (Marker.Insulin, 55, "pmol/L", 0, 1, 0), (Marker.Insulin, 390, "pmol/L", 0, 1, 30), (Marker.Insulin, 280, "pmol/L", 0, 1, 120),
            (Marker.Triglycerides, 1.7, "mmol/L", 0, 1, -1), (Marker.Hdl, 1.1, "mmol/L", 0, 1, -1),
            (Marker.Alt, 41, "U/L", 0, -1, -1), (Marker.Ast, 27, "U/L", 0, -1, -1),
            (Marker.Weight, 91, "kg", 1, -1, -1), (Marker.Height, 168, "cm", 1, -1, -1), (Marker.Waist, 101, "cm", 1, -1, -1),
            (Marker.Glucose, 7.8, "mmol/L", 420, 1, -1), (Marker.Insulin, 120, "pmol/L", 420, 1, -1), (Marker.HbA1c, 53, "mmol/mol", 420, -1, -1),
            (Marker.Glucose, 6.6, "mmol/L", 830, 0, -1), (Marker.Triglycerides, 2.3, "mmol/L", 830, 0, -1)), "run-1");
        var person = new Demographics { Sex = "F", BirthYear = 1968, Ethnicity = "White", Site = "A", SurveyWeight = 1.5, DiabetesDiagnosed = false };
        var (options, factors, markers) = (new CohortOptions(), new FactorsUsed(18, 6), MarkerRegistry.Latest);

        var visits = ParticipantDerivation.Visits(table, person, factors, options, markers);
        var summary = ParticipantDerivation.Summary("P1", table, person, factors, 7, options, markers);

        Assert.Equal(3, visits.Count);
        Assert.Equal(visits.Count, summary.AllVisits.Count);
        Assert.Equal(3, visits.Select(v => v.Glycaemia.Category).Distinct().Count());
        for (var k = 0; k < visits.Count; k++)
        {
            var (v, s) = (visits[k], summary.AllVisits[k]);
            Assert.Equal(v.Visit.Date.DayNumber, s.Day);
            Assert.Equal((byte)v.Glycaemia.Category, s.Category);
            Assert.Equal((byte)v.Phase, s.Phase);
            Assert.Equal((ushort)v.Visit.Flags, s.Flags);
            Assert.Equal(MetricCatalogue.Values(v.Visit, v.Indices, markers), s.Metrics);
        }
        Assert.Contains(summary.AllVisits[0].Metrics, float.IsFinite);
        Assert.Equal((1968, 3, 18, 7u), (summary.BirthYear, summary.Visits, summary.Observations, summary.RecordKey));
    }

    /// <summary>
    /// A participant's rows come in whatever order the file has them (a file sorted by participant need not keep each one's rows in
    /// time order): the table gives them to visit assembly in time order, then OGTT minute, every row once, and the derivation is the
    /// same whatever the order the rows were stored in.
    /// </summary>
    [Fact]
    public void Rows_stored_in_any_order_are_assembled_in_time_order_and_derive_the_same()
    {
        var rows = new (Marker Marker, double Raw, string Unit, int Day, sbyte Fasting, short Minute)[]
        {
            (Marker.Glucose, 5.1, "mmol/L", 0, 1, 0), (Marker.Glucose, 8.8, "mmol/L", 0, 1, 30), (Marker.Glucose, 9.4, "mmol/L", 0, 1, 60),
            (Marker.Glucose, 6.9, "mmol/L", 0, 1, 120), (Marker.Glucose, 5.2, "mmol/L", 0, 1, 180),
            (Marker.Insulin, 55, "pmol/L", 0, 1, 0), (Marker.Insulin, 390, "pmol/L", 0, 1, 30), (Marker.Insulin, 420, "pmol/L", 0, 1, 60),
            (Marker.Insulin, 280, "pmol/L", 0, 1, 120), (Marker.Insulin, 90, "pmol/L", 0, 1, 180),
            (Marker.Triglycerides, 1.7, "mmol/L", 0, 1, -1), (Marker.Hdl, 1.1, "mmol/L", 0, 1, -1), (Marker.Alt, 41, "U/L", 0, -1, -1),
            (Marker.Weight, 91, "kg", 1, -1, -1), (Marker.Height, 168, "cm", 1, -1, -1), (Marker.Waist, 101, "cm", 1, -1, -1),
            (Marker.Glucose, 7.8, "mmol/L", 420, 1, -1), (Marker.Insulin, 120, "pmol/L", 420, 1, -1), (Marker.HbA1c, 53, "mmol/mol", 420, -1, -1),
            (Marker.Glucose, 6.6, "mmol/L", 830, 0, -1), (Marker.Glucose, 5.4, "mmol/L", 831, 1, -1), (Marker.Triglycerides, 2.3, "mmol/L", 830, 0, -1),
            // Before 1970: a time whose milliseconds are negative still orders by time.
            (Marker.Glucose, 5.0, "mmol/L", -20000, 1, -1), (Marker.Insulin, 40, "pmol/L", -20000, 1, -1),
        };
        var person = new Demographics { Sex = "M", BirthYear = 1940, Ethnicity = "White", Site = "B", SurveyWeight = 1, DiabetesDiagnosed = false };
        var (options, factors, markers) = (new CohortOptions(), new FactorsUsed(18, 6), MarkerRegistry.Latest);
        var inOrder = new ObservationTable(Rows(rows));
        var expected = ParticipantDerivation.Summary("P1", inOrder, person, factors, 7, options, markers);
        var random = new Random(20261207);
        for (var round = 0; round < 20; round++)
        {
            var table = new ObservationTable(Rows([.. rows.OrderBy(_ => random.Next())]));
            var measurements = new Cohort.Domain.Visits.Measurement[table.Count];
            table.Measurements(measurements);
            Assert.Equal(rows.Length, measurements.Length);
            for (var k = 1; k < measurements.Length; k++)
                Assert.True((measurements[k - 1].TakenAt, measurements[k - 1].OgttMinute ?? -1).CompareTo((measurements[k].TakenAt, measurements[k].OgttMinute ?? -1)) <= 0,
                    $"row {k} of round {round} is out of time order");
            Assert.Equal(rows.Select(r => (r.Marker, r.Raw)).Order(), measurements.Select(m => (m.Marker, m.RawValue)).Order());

            var summary = ParticipantDerivation.Summary("P1", table, person, factors, 7, options, markers);
            Assert.Equal(expected.AllVisits.Count, summary.AllVisits.Count);
            for (var k = 0; k < summary.AllVisits.Count; k++)
            {
                var (e, s) = (expected.AllVisits[k], summary.AllVisits[k]);
                Assert.Equal((e.Day, e.Category, e.Phase, e.Flags, e.CurveShape), (s.Day, s.Category, s.Phase, s.Flags, s.CurveShape));
                Assert.Equal(e.Metrics, s.Metrics);
            }
        }
        Assert.Equal(4, expected.AllVisits.Count);
    }
}
