using Cohort.Contracts.Participants;
using Cohort.Domain.Markers;
using Cohort.Ingest.Ingestion;

namespace Cohort.Ingest.Tests;

public sealed class HeldRowGroupsTests
{
    // A row's time is its block row, so that two rows share a time exactly when they share a row number.
    private static AcceptedRow Row(int row, string id, Marker marker, double value, string unit) =>
        new(row, id, marker, 1_700_000_000_000 + row, -1, value, value, unit, 1, false);

    private static HeldRowGroups Held(long? bound = null, params string[] ids) =>
        new("run-1", new FactorsUsed(18, 6), ids.ToDictionary(id => id, Demographics? (id) => new Demographics { Sex = "F", BirthYear = 1970, Ethnicity = null, Site = id, SurveyWeight = null }),
            markersVersion: 3, bound);

    private static bool Hold(HeldRowGroups held, int group, params AcceptedRow[] rows) =>
        held.Hold([.. rows], "lab.parquet", group, input: 0, new RowOrigin(FirstRow: 1000 * group, SourceRow: null), _ => { });

    [Fact]
    public void Row_groups_held_back_give_each_participant_one_batch_of_their_rows_in_order_with_their_units_and_sources()
    {
        var held = Held(null, "P1", "P2");
        var first = new List<string>();
        held.Hold([Row(0, "P1", Marker.Glucose, 5.1, "mmol/L"), Row(1, "P2", Marker.Glucose, 95, "mg/dL")], "lab.parquet", 0, 0, new RowOrigin(0, null), first.Add);
        // The same spelling as another string instance: units are told apart by their text.
        held.Hold([Row(2, "P2", Marker.Insulin, 60, "pmol/L"), Row(3, "P1", Marker.Glucose, 99, "mg/dL"), Row(4, "P1", Marker.Hdl, 1.2, new string("mmol/L".AsSpan()))],
            "lab.parquet", 1, 0, new RowOrigin(FirstRow: 500, SourceRow: null), first.Add);

        var release = held.Release();

        Assert.Equal(["P1", "P2"], first);
        Assert.True(release.Held);
        Assert.Equal(["P1", "P2"], release.Ids);
        var p1 = release.Batch(0);
        Assert.False(p1.MayRepeat);
        Assert.Equal([5.1, 99, 1.2], p1.Observations.RawValue);
        Assert.Equal([(byte)Marker.Glucose, (byte)Marker.Glucose, (byte)Marker.Hdl], p1.Observations.Marker);
        Assert.Equal(["mmol/L", "mg/dL", "mmol/L"], p1.Observations.RawUnit.Select(u => p1.Observations.UnitSpellings[u]));
        Assert.Equal(["mmol/L", "mg/dL"], p1.Observations.UnitSpellings);
        Assert.Equal(["run-1"], p1.Observations.Runs);
        Assert.Equal((3, "P1"), (p1.MarkersVersion, p1.Demographics!.Site));
        Assert.Equal(5, release.Rows);
        // Each row traced to its own row group, block row and source row, and read from the participant's batch (built again).
        var (batch, row, blockRow, sourceRow, file, group, _) = release.Row("P1", 2);
        Assert.Equal(p1.Observations.RawValue, batch.Observations.RawValue);
        Assert.Equal((2, 4, 504L, "lab.parquet", 1), (row, blockRow, sourceRow, file, group));
        Assert.Equal((0, 0L, 0), (release.Row("P1", 0).BlockRow, release.Row("P1", 0).SourceRow, release.Row("P1", 0).RowGroup));
        Assert.Equal((2, 502L, 1), (release.Row("P2", 1).BlockRow, release.Row("P2", 1).SourceRow, release.Row("P2", 1).RowGroup));
        Assert.Equal((1, 1L, 0), (release.Row("P2", 0).BlockRow, release.Row("P2", 0).SourceRow, release.Row("P2", 0).RowGroup));
    }

    [Fact]
    public void A_participant_whose_held_row_groups_share_a_time_may_repeat_a_key_and_one_whose_do_not_may_not()
    {
        var held = Held(null, "P1", "P2", "P3", "P4");
        // P1: times 0–1, then 1 again (its glucose repeated, or any marker at that time: only a shared time can repeat a key).
        // P2: time 2, then 0 and 3 (no time shared). P3: times 4 and 8, then 6 (between them: looked up all the same).
        // P4: times 9, then 10, then 9 in a third row group.
        Hold(held, 0, Row(0, "P1", Marker.Glucose, 5.1, "mmol/L"), Row(1, "P1", Marker.Glucose, 5.2, "mmol/L"), Row(2, "P2", Marker.Hdl, 1.2, "mmol/L"),
            Row(4, "P3", Marker.Hdl, 1.2, "mmol/L"), Row(8, "P3", Marker.Hdl, 1.2, "mmol/L"), Row(9, "P4", Marker.Hdl, 1.2, "mmol/L"));
        Hold(held, 1, Row(0, "P2", Marker.Insulin, 60, "pmol/L"), Row(1, "P1", Marker.Glucose, 5.3, "mmol/L"), Row(3, "P2", Marker.Hdl, 1.3, "mmol/L"),
            Row(6, "P3", Marker.Glucose, 5, "mmol/L"), Row(10, "P4", Marker.Hdl, 1.2, "mmol/L"));
        Hold(held, 2, Row(9, "P4", Marker.Glucose, 5, "mmol/L"));

        var release = held.Release();
        var batches = release.Ids.Select((id, k) => (id, k)).ToDictionary(p => p.id, p => release.Batch(p.k));

        Assert.True(batches["P1"].MayRepeat);
        Assert.False(batches["P2"].MayRepeat);
        Assert.True(batches["P3"].MayRepeat);
        Assert.True(batches["P4"].MayRepeat);
    }

    [Fact]
    public void What_is_held_is_released_at_the_bound_and_each_release_holds_each_participant_once()
    {
        var held = Held(bound: 3, "P1", "P2");
        var first = new List<string>();
        Assert.False(held.Hold([Row(0, "P1", Marker.Glucose, 5, "mmol/L"), Row(1, "P2", Marker.Glucose, 5, "mmol/L")], "lab.parquet", 0, 0, default, first.Add));
        // A row group with no accepted rows holds nothing.
        Assert.False(held.Hold([], "lab.parquet", 1, 0, default, first.Add));
        Assert.Equal(1, held.Count);
        Assert.True(held.Hold([Row(2, "P1", Marker.Hdl, 1, "mmol/L")], "lab.parquet", 2, 0, default, first.Add));
        var release = held.Release();
        Assert.Equal(0, held.Count);
        Assert.Equal([2, 1], Enumerable.Range(0, release.Ids.Count).Select(release.RowsOf));
        Assert.Equal((2, 2), (release.Row("P1", 1).BlockRow, release.Row("P1", 1).RowGroup));

        Assert.False(held.Hold([Row(3, "P1", Marker.Hdl, 1, "mmol/L")], "lab.parquet", 3, 0, default, first.Add));
        var next = held.Release();
        Assert.Equal(["P1", "P2", "P1"], first);
        Assert.Equal(["P1"], next.Ids);
        Assert.Equal([1.0], next.Batch(0).Observations.Value);
        Assert.Equal(3, next.Row("P1", 0).RowGroup);
    }

    [Fact]
    public void Held_row_groups_whose_joined_units_exceed_a_batch_fail_the_run_naming_the_participant()
    {
        var held = Held(null, "P1");
        for (var g = 0; g < 2; g++)
            Hold(held, g, [.. Enumerable.Range(0, 200).Select(i => Row(g * 200 + i, "P1", Marker.Glucose, 5, "mmol/L" + new string(' ', g * 200 + i)))]);
        // Found as the participant's batch is built, when its write is about to be sent.
        var release = held.Release();
        var e = Assert.Throws<IngestException>(() => release.Batch(0));
        Assert.StartsWith("participant P1: the rows name more than 256 different unit spellings", e.Message);
    }
}
