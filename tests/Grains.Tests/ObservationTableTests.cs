using Cohort.Contracts.Participants;
using Cohort.Grains.Participants;

namespace Cohort.Grains.Tests;

/// <summary>
/// The participant's merge table: a first batch is appended as it comes; a later batch (in the same activation, or after the table was
/// read back from storage) finds its rows by natural key, counting additions, corrections and repeats; units are kept as spelled.
/// </summary>
public sealed class ObservationTableTests
{
    private static ObservationColumns Batch(params (byte Marker, long At, short Minute, double Raw, string Unit)[] rows)
    {
        var spellings = rows.Select(r => r.Unit).Distinct().ToArray();
        return new ObservationColumns
        {
            Marker = rows.Select(r => r.Marker).ToArray(), TakenAt = rows.Select(r => r.At).ToArray(), OgttMinute = rows.Select(r => r.Minute).ToArray(),
            Value = rows.Select(r => r.Raw / 18).ToArray(), RawValue = rows.Select(r => r.Raw).ToArray(),
            RawUnit = rows.Select(r => (byte)Array.IndexOf(spellings, r.Unit)).ToArray(), UnitSpellings = spellings,
            Fasting = rows.Select(_ => (sbyte)1).ToArray(), Flags = new byte[rows.Length], Run = new ushort[rows.Length], Runs = [],
        };
    }

    private static (int, int, int) Counts((int Added, int Changed, int Unchanged, List<(int Row, bool Same, double KeptValue, string KeptUnit)>? Repeats, ulong[]? Given) merged)
    {
        Assert.Null(merged.Repeats);
        return (merged.Added, merged.Changed, merged.Unchanged);
    }

    [Fact]
    public void A_key_the_same_run_already_gave_is_not_taken_again_and_is_reported_as_a_duplicate_or_a_conflict_the_first_value_standing()
    {
        var table = new ObservationTable(new ObservationColumns());
        Counts(table.Merge(Batch((1, 1000, -1, 90, "mg/dL"), (1, 1000, 120, 140, "mg/dL")), "run-1"));
        // A later batch of the same run (another row group or file): the same result, a different one, and a new key.
        var merged = table.Merge(Batch((1, 1000, -1, 90, "mg/dL"), (1, 1000, 120, 7.9, "mmol/L"), (2, 1000, -1, 10, "µU/mL")), "run-1");
        Assert.Equal((1, 0, 0), (merged.Added, merged.Changed, merged.Unchanged));
        Assert.Equal([(0, true, 90.0, "mg/dL"), (1, false, 140.0, "mg/dL")], merged.Repeats!);
        Assert.Equal([90.0, 140.0, 10.0], table.ToColumns().RawValue);

        // Read back from storage mid-run (as a shard's writer reads the staged state), the run's rows are still known as its own...
        var stored = new ObservationTable(table.ToColumns());
        var again = stored.Merge(Batch((2, 1000, -1, 11, "µU/mL")), "run-1");
        Assert.Equal((0, 0, 0), (again.Added, again.Changed, again.Unchanged));
        Assert.Equal([(0, false, 10.0, "µU/mL")], again.Repeats!);
        // ...and a later run's same keys are corrections and repeats of stored values as before, not repeats within a run.
        var later = stored.Merge(Batch((1, 1000, -1, 90, "mg/dL"), (2, 1000, -1, 11, "µU/mL")), "run-2");
        Assert.Equal((0, 1, 1), Counts(later));
        // The value that later run gave as already stored (row 0) is its own for the rest of the run, through the bitmap its caller
        // keeps: a later batch of that run giving another value there is a conflict, not a correction; the caller's bitmap is not changed.
        Assert.Equal([1UL], later.Given!);
        var rest = stored.Merge(Batch((1, 1000, -1, 95, "mg/dL"), (1, 1000, 120, 140, "mg/dL")), "run-2", later.Given);
        // (Row 1, run-1's value given by run-2 for the first time, is unchanged, and joins the bitmap.)
        Assert.Equal((0, 0, 1), (rest.Added, rest.Changed, rest.Unchanged));
        Assert.Equal([(0, false, 90.0, "mg/dL")], rest.Repeats!);
        Assert.Equal([3UL], rest.Given!);
        Assert.Equal([1UL], later.Given!);
        Assert.Equal(90.0, stored.ToColumns().RawValue[0]);
    }

    /// <summary>
    /// Several row groups' rows of one participant in one batch (held back and sent together) give the same as the row groups merged
    /// one after another: a later row of a key is a repeat, the first standing, even into an empty table.
    /// </summary>
    [Fact]
    public void A_batch_that_may_repeat_a_key_takes_the_first_and_reports_each_later_one_as_separate_batches_would()
    {
        var rows = new (byte, long, short, double, string)[] { (1, 1000, -1, 90, "mg/dL"), (1, 1000, 120, 140, "mg/dL"), (1, 1000, -1, 90, "mg/dL"), (1, 1000, 120, 7.9, "mmol/L"), (2, 1000, -1, 10, "µU/mL") };
        var joined = new ObservationTable(new ObservationColumns());
        var once = joined.Merge(Batch(rows), "run-1", mayRepeat: true);
        Assert.Equal((3, 0, 0), (once.Added, once.Changed, once.Unchanged));
        Assert.Equal([(2, true, 90.0, "mg/dL"), (3, false, 140.0, "mg/dL")], once.Repeats!);

        var apart = new ObservationTable(new ObservationColumns());
        Counts(apart.Merge(Batch(rows[..2]), "run-1"));
        apart.Merge(Batch(rows[2..]), "run-1");
        var (a, b) = (joined.ToColumns(), apart.ToColumns());
        Assert.Equal(b.RawValue, a.RawValue);
        Assert.Equal(b.Marker, a.Marker);
        Assert.Equal(b.TakenAt, a.TakenAt);
        Assert.Equal(b.RawUnit.Select(u => b.UnitSpellings[u]), a.RawUnit.Select(u => a.UnitSpellings[u]));
    }

    [Fact]
    public void A_first_batch_is_appended_and_later_ones_merge_by_natural_key_also_after_storage()
    {
        var table = new ObservationTable(new ObservationColumns());
        Assert.Equal((3, 0, 0), Counts(table.Merge(Batch((1, 1000, -1, 90, "mg/dL"), (1, 1000, 120, 140, "mg/dL"), (2, 1000, -1, 10, "µU/mL")), "run-1")));
        // The same rows again (one corrected, one new) in the same activation.
        Assert.Equal((1, 1, 1), Counts(table.Merge(Batch((1, 1000, -1, 90, "mg/dL"), (1, 1000, 120, 150, "mg/dL"), (3, 2000, -1, 1.2, "mmol/L")), "run-2")));
        var stored = table.ToColumns();
        Assert.Equal(4, stored.Count);
        Assert.Equal(["mg/dL", "µU/mL", "mmol/L"], stored.UnitSpellings);
        Assert.Equal(["run-1", "run-2"], stored.Runs);
        Assert.Equal(150, stored.RawValue[1]);
        Assert.Equal([0, 1, 0, 1], stored.Run.Select(r => (int)r));

        // Read back from storage, the table finds its rows again.
        var again = new ObservationTable(stored);
        Assert.Equal((0, 1, 1), Counts(again.Merge(Batch((2, 1000, -1, 10, "µU/mL"), (3, 2000, -1, 1.3, "mmol/L")), "run-3")));
        Assert.Equal(4, again.Count);
        Assert.Equal(1.3, again.ToColumns().RawValue[3]);
    }

    [Fact]
    public void A_new_participants_first_batch_is_stored_as_it_came_and_columns_given_to_a_table_are_never_changed_by_it()
    {
        // Glucose (marker 0) in mg/dL, insulin (1) in µU/mL.
        var first = Batch((0, 1000, -1, 90, "mg/dL"), (1, 1000, -1, 10, "µU/mL"));
        first.Run = [7, 7];
        var table = new ObservationTable(new ObservationColumns());
        Assert.Equal((2, 0, 0), Counts(table.Merge(first, "run-1")));
        var stored = table.ToColumns();
        // Taken whole (no copy), every row the run's own whatever the batch's run column said.
        Assert.Same(first.RawValue, stored.RawValue);
        Assert.Equal([0, 0], stored.Run.Select(r => (int)r));
        Assert.Equal(["run-1"], stored.Runs);
        Assert.Equal([7, 7], first.Run.Select(r => (int)r));

        // A correction and an addition copy the columns first: the batch (immutable, shared with its sender) keeps its rows.
        Assert.Equal((1, 1, 0), Counts(table.Merge(Batch((0, 1000, -1, 100, "mg/dL"), (3, 2000, -1, 1.2, "mmol/L")), "run-2")));
        Assert.Equal([90.0, 10.0], first.RawValue);
        Assert.Equal([100.0, 10.0, 1.2], table.ToColumns().RawValue);

        // Stored columns read into a table and re-converted with other factors stay as stored.
        var again = new ObservationTable(stored);
        again.Reconvert(new Domain.Units.ConversionFactors(18.016), Domain.Markers.MarkerRegistry.Latest);
        Assert.Equal([5.0, 10 / 18.0], stored.Value);
        Assert.Equal(90 / 18.016, again.ToColumns().Value[0], 1e-9);
        Assert.NotSame(stored.Value, again.ToColumns().Value);

        // Rows it already holds, merged again, copy nothing.
        var read = new ObservationTable(stored);
        Assert.Equal((0, 0, 2), Counts(read.Merge(Batch((0, 1000, -1, 90, "mg/dL"), (1, 1000, -1, 10, "µU/mL")), "run-3")));
        Assert.Same(stored.RawValue, read.ToColumns().RawValue);
    }

    [Fact]
    public void A_batch_whose_columns_do_not_match_its_rows_is_refused_naming_the_column_and_run()
    {
        var bad = Batch((0, 1000, -1, 90, "mg/dL"), (1, 1000, -1, 10, "µU/mL"));
        bad.Flags = [0];
        var e = Assert.Throws<ArgumentException>(() => new ObservationTable(new ObservationColumns()).Merge(bad, "run-9"));
        Assert.Equal("run run-9: a batch of 2 observations has 1 in its flags column", e.Message);
        var unit = Batch((0, 1000, -1, 90, "mg/dL"));
        unit.RawUnit = [3];
        Assert.Contains("names unit spelling 3 and holds 1", Assert.Throws<ArgumentException>(() => new ObservationTable(new ObservationColumns()).Merge(unit, "run-9")).Message);
    }
}
