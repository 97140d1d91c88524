using Cohort.Contracts.Participants;
using Cohort.Domain.Units;
using Cohort.Ingest.Ingestion;

namespace Cohort.Ingest.Tests;

public sealed class DataQualityTallyTests
{
    private static readonly DateTime Morning = new(2024, 3, 1, 8, 0, 0, DateTimeKind.Utc);

    /// <summary>
    /// A run's rows are counted per marker by what became of them, over every block: rows, accepted, flagged implausible, rejected as
    /// impossible and rejected as not conforming (a unit no one knows, a value that reads as another unit than the one named), as the
    /// validator decided row by row.
    /// </summary>
    [Fact]
    public void Each_markers_rows_are_counted_by_what_became_of_them_over_every_block()
    {
        var people = new Dictionary<string, Demographics?> { ["P1"] = null, ["P2"] = null };
        var validator = new ObservationValidator(people, new UnitConverter(ConversionFactors.Default));
        var tally = new DataQualityTally(validator);
        var expected = new Dictionary<string, (long Rows, long Accepted, long Flagged, long Impossible, long Nonconformant)>();
        // Glucose from the impossible to the implausible, insulin (once in a unit no one knows) and HbA1c plain; the blocks differ so
        // that counts must add up.
        (string Marker, double Value, string Unit)[] values =
        [
            ("glucose", 5.1, "mmol/L"), ("glucose", 0.01, "mmol/L"), ("glucose", 1.5, "mmol/L"), ("glucose", 28, "mmol/L"), ("glucose", 45, "mmol/L"),
            ("glucose", 500, "mmol/L"), ("insulin", 60, "pmol/L"), ("insulin", 4000, "pmol/L"), ("hba1c", 38, "mmol/mol"), ("insulin", 10, "furlongs"),
            ("glucose", 99, "mg/dL"),
        ];
        for (var b = 0; b < 3; b++)
        {
            var rows = values.Take(values.Length - b).Select((v, i) => (Id: i % 2 == 0 ? "P1" : "P2", v.Marker, v.Value, v.Unit, Hours: i + 24 * b)).ToArray();
            var block = new ObservationBlock
            {
                File = "obs.parquet", RowGroup = b, FirstRow = 0,
                ParticipantId = [.. rows.Select(r => (string?)r.Id)], TakenAt = [.. rows.Select(r => (DateTime?)Morning.AddHours(r.Hours))],
                Marker = [.. rows.Select(r => (string?)r.Marker)], Value = [.. rows.Select(r => (double?)r.Value)], Unit = [.. rows.Select(r => (string?)r.Unit)],
                OgttMinute = new int?[rows.Length], Fasting = [.. rows.Select(_ => (bool?)true)],
            };
            var (accepted, rejected) = (new List<AcceptedRow>(), new List<ObservationValidator.Rejection>());
            validator.Validate(block, accepted, rejected);
            tally.Add(block, accepted, rejected);
            foreach (var a in accepted)
            {
                var code = validator.Markers.Get(a.Marker).Code;
                var e = expected.GetValueOrDefault(code);
                expected[code] = (e.Rows + 1, e.Accepted + 1, e.Flagged + (a.Implausible ? 1 : 0), e.Impossible, e.Nonconformant);
            }
            foreach (var r in rejected)
            {
                var code = validator.Marker(block.Marker[r.Row])!.Code;
                var e = expected.GetValueOrDefault(code);
                expected[code] = (e.Rows + 1, e.Accepted, e.Flagged, e.Impossible + (r.Reason == RejectReason.ImpossibleValue ? 1 : 0),
                    e.Nonconformant + (r.Reason is RejectReason.UnknownUnit or RejectReason.UnitMismatch or RejectReason.NotANumber or RejectReason.InvalidOgttMinute ? 1 : 0));
            }
        }

        var report = tally.Report(null);

        // The rows cover each outcome counted, so that the comparison below says something.
        Assert.Contains(expected.Values, e => e.Flagged > 0);
        Assert.Contains(expected.Values, e => e.Impossible > 0);
        Assert.Contains(expected.Values, e => e.Nonconformant > 0);
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), report.Markers.Select(m => m.Marker));
        Assert.All(report.Markers, m => Assert.Equal(expected[m.Marker], (m.Rows, m.Accepted, m.Flagged, m.Impossible, m.Nonconformant)));
    }
}
