using Cohort.Contracts.Participants;
using Cohort.Domain.Markers;
using Cohort.Domain.Units;
using Cohort.Ingest.Ingestion;

namespace Cohort.Ingest.Tests;

public sealed class ObservationValidatorTests
{
    private static readonly DateTime Morning = new(2024, 3, 1, 8, 0, 0, DateTimeKind.Utc);

    private static ObservationBlock Block(params (string? Id, string Marker, double Value, string Unit, int Hours)[] rows) => new()
    {
        File = "obs.parquet", RowGroup = 0, FirstRow = 100,
        ParticipantId = [.. rows.Select(r => r.Id)], TakenAt = [.. rows.Select(r => (DateTime?)Morning.AddHours(r.Hours))],
        Marker = [.. rows.Select(r => (string?)r.Marker)], Value = [.. rows.Select(r => (double?)r.Value)], Unit = [.. rows.Select(r => (string?)r.Unit)],
        OgttMinute = new int?[rows.Length], Fasting = [.. rows.Select(_ => (bool?)true)],
    };

    /// <summary>
    /// Of rows with one natural key (participant, marker, time, OGTT minute) the earliest accepted one stays; a later one is a duplicate
    /// when its value and unit are the same and a conflict otherwise, naming the row it repeats; rejected rows come back in row order,
    /// whatever the reason, also when a participant's rows are not together in the file.
    /// </summary>
    [Fact]
    public void Repeated_natural_keys_are_rejected_after_the_first_accepted_row_in_row_order()
    {
        var people = new Dictionary<string, Demographics?> { ["P1"] = null, ["P2"] = null };
        var validator = new ObservationValidator(people, new UnitConverter(ConversionFactors.Default));
        var block = Block(
            ("P1", "glucose", 5.1, "mmol/L", 0),     // 0 kept
            ("P1", "glucose", 5.1, "mmol/L", 0),     // 1 duplicate of 0
            ("P2", "glucose", 5.5, "mmol/L", 0),     // 2 kept
            ("P9", "glucose", 5.0, "mmol/L", 0),     // 3 unknown participant
            ("P1", "insulin", 60, "pmol/L", 0),      // 4 kept
            ("P2", "glucose", 99, "mg/dL", 0),       // 5 conflict with 2 (another unit and value)
            ("P1", "glucose", 5.1, "mmol/L", 24),    // 6 kept (another time)
            ("P1", "glucose", 5.2, "mmol/L", 0),     // 7 conflict with 0 (P1 again after P2's rows)
            ("P1", "glucose", 5.1, "mmol/L", 0));    // 8 duplicate of 0
        var (accepted, rejected) = (new List<AcceptedRow>(), new List<ObservationValidator.Rejection>());

        validator.Validate(block, accepted, rejected);

        Assert.Equal([0, 2, 4, 6], accepted.Select(a => a.Row));
        Assert.Equal([1, 3, 5, 7, 8], rejected.Select(r => r.Row));
        Assert.Equal([RejectReason.DuplicateRow, RejectReason.UnknownParticipant, RejectReason.ConflictingValue, RejectReason.ConflictingValue, RejectReason.DuplicateRow],
            rejected.Select(r => r.Reason));
        Assert.Contains("repeats row 100", rejected[0].Message);
        Assert.Contains("is at row 102", rejected[2].Message);
        Assert.Contains("is at row 100", rejected[3].Message);
        Assert.Contains("repeats row 100", rejected[4].Message);

        // The next block starts afresh: its keys are its own. Its rows come participant by participant (sorted span by span).
        accepted.Clear();
        rejected.Clear();
        validator.Validate(Block(("P1", "glucose", 5.1, "mmol/L", 0), ("P1", "glucose", 5.1, "mmol/L", 0), ("P1", "glucose", 5.3, "mmol/L", 0),
            ("P2", "glucose", 5.5, "mmol/L", 0), ("P2", "glucose", 5.5, "mmol/L", 0)), accepted, rejected);
        Assert.Equal([0, 3], accepted.Select(a => a.Row));
        Assert.Equal([(1, RejectReason.DuplicateRow), (2, RejectReason.ConflictingValue), (4, RejectReason.DuplicateRow)], rejected.Select(r => (r.Row, r.Reason)));
        Assert.Contains("is at row 100", rejected[1].Message);
    }

    /// <summary>
    /// A study's markers are numbered from 128: their rows are not taken for another participant's rows of a built-in marker at the
    /// same time (the key packs the marker in eight bits), and two rows of a study marker are still duplicates of each other.
    /// </summary>
    [Fact]
    public void A_study_marker_row_is_no_duplicate_of_another_participants_built_in_marker()
    {
        var registry = MarkerRegistry.BuiltIn.Declare([new MarkerEntry { Code = "sspg", Name = "Steady-state plasma glucose", Unit = "mg/dL", Reject = [20, 600] }],
            _ => 0, "study.json", out _);
        Assert.True(registry.TryResolve("sspg", out var sspg));
        Assert.True((int)sspg.Marker >= 128);
        // Ordinals in order of first appearance: P0 = 0, P1 = 1, P2 = 2; (ordinal 0, marker 128) against (ordinal 2, marker 0) and others.
        var people = new Dictionary<string, Demographics?> { ["P0"] = null, ["P1"] = null, ["P2"] = null };
        var validator = new ObservationValidator(people, new UnitConverter(ConversionFactors.Default, registry));
        var (accepted, rejected) = (new List<AcceptedRow>(), new List<ObservationValidator.Rejection>());

        validator.Validate(Block(
            ("P0", "sspg", 150, "mg/dL", 0),
            ("P1", "sspg", 160, "mg/dL", 0),
            ("P2", "glucose", 5.1, "mmol/L", 0),
            ("P2", "insulin", 60, "pmol/L", 0),
            ("P2", "hdl", 1.2, "mmol/L", 0),
            ("P0", "sspg", 150, "mg/dL", 0)), accepted, rejected);

        Assert.Equal([0, 1, 2, 3, 4], accepted.Select(a => a.Row));
        Assert.Equal([(5, RejectReason.DuplicateRow)], rejected.Select(r => (r.Row, r.Reason)));
    }

    /// <summary>
    /// Whichever way a block's keys are looked through (participant by participant, a participant of hundreds of rows among them, or
    /// the whole block sorted when a participant's rows are apart), every row whose key an earlier row has is rejected, as a
    /// duplicate when its value is the same and a conflict otherwise, and names the earliest row of its key: as a dictionary of keys
    /// in row order says.
    /// </summary>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Repeated_keys_are_found_as_a_dictionary_in_row_order_finds_them(bool grouped)
    {
        var random = new Random(grouped ? 31 : 32);
        (string Code, double Value)[] markers = [("glucose", 5.2), ("triglycerides", 1.4), ("hdl", 1.3)];
        var people = Enumerable.Range(0, 40).ToDictionary(p => $"P{p}", _ => (Demographics?)null);
        var rows = new List<(string? Id, string Marker, double Value, string Unit, int Hours)>();
        foreach (var p in Enumerable.Range(0, 40))
            for (var r = 0; r < (p == 7 ? 900 : random.Next(1, 60)); r++)
            {
                var (code, value) = markers[random.Next(markers.Length)];
                rows.Add(($"P{p}", code, random.Next(2) == 0 ? value : value + 0.1, "mmol/L", random.Next(p == 7 ? 200 : 12)));
            }
        if (!grouped) rows = [.. rows.OrderBy(_ => random.Next())];
        var validator = new ObservationValidator(people, new UnitConverter(ConversionFactors.Default));
        var (accepted, rejected) = (new List<AcceptedRow>(), new List<ObservationValidator.Rejection>());

        validator.Validate(Block([.. rows]), accepted, rejected);

        var first = new Dictionary<(string?, string, int), int>();
        var expected = new List<(int Row, string Reason, string Names)>();
        for (var k = 0; k < rows.Count; k++)
        {
            var key = (rows[k].Id, rows[k].Marker, rows[k].Hours);
            if (!first.TryGetValue(key, out var earliest)) { first[key] = k; continue; }
            expected.Add((k, rows[earliest].Value == rows[k].Value ? RejectReason.DuplicateRow : RejectReason.ConflictingValue, $"row {100 + earliest}"));
        }
        Assert.True(expected.Count > 400, $"{expected.Count} repeats");
        Assert.Equal(first.Values.Order(), accepted.Select(a => a.Row));
        Assert.Equal(expected.Select(e => (e.Row, e.Reason)), rejected.Select(r => (r.Row, r.Reason)));
        for (var k = 0; k < expected.Count; k++) Assert.Contains(expected[k].Names + " ", rejected[k].Message + " ");
    }
}
