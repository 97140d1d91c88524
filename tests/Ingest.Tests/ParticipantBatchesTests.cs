using Cohort.Contracts.Participants;
using Cohort.Domain.Markers;
using Cohort.Ingest.Ingestion;

namespace Cohort.Ingest.Tests;

public sealed class ParticipantBatchesTests
{
    private static AcceptedRow Row(int row, string id, Marker marker, double value, string unit, bool implausible = false) =>
        new(row, id, marker, 1_700_000_000_000 + row, -1, value, value, unit, 1, implausible);

    [Fact]
    public void Rows_of_interleaved_participants_land_in_one_batch_each_in_order_of_first_appearance()
    {
        // The same id as distinct string instances too: grouping is by value, not by reference.
        var a2 = new string("P2".AsSpan());
        var rows = new List<AcceptedRow>
        {
            Row(0, "P1", Marker.Glucose, 5.1, "mmol/L"),
            Row(1, "P2", Marker.Glucose, 95, "mg/dL"),
            Row(2, "P1", Marker.Insulin, 60, "pmol/L", implausible: true),
            Row(3, a2, Marker.Hdl, 1.2, "mmol/L"),
            Row(4, "P1", Marker.Glucose, 99, "mg/dL"),
        };
        var people = new Dictionary<string, Demographics> { ["P1"] = new() { Sex = "F", BirthYear = 1970, Ethnicity = null, Site = "S01", SurveyWeight = null }, ["P2"] = new() { Sex = "M", BirthYear = 1980, Ethnicity = null, Site = "S02", SurveyWeight = null } };

        var batches = ParticipantBatches.Build(rows, "run-1", new FactorsUsed(18, 6), people!);

        Assert.Equal(["P1", "P2"], batches.Select(b => b.Id));
        var p1 = batches[0].Batch.Observations;
        Assert.Equal([(byte)Marker.Glucose, (byte)Marker.Insulin, (byte)Marker.Glucose], p1.Marker);
        Assert.Equal(["mmol/L", "pmol/L", "mg/dL"], p1.RawUnit.Select(u => p1.UnitSpellings[u]));
        Assert.Equal([0, ObservationColumns.ImplausibleFlag, 0], p1.Flags);
        Assert.Equal(["run-1"], p1.Runs);
        Assert.Equal(people["P1"], batches[0].Batch.Demographics);
        var p2 = batches[1].Batch.Observations;
        Assert.Equal(2, p2.Count);
        Assert.Equal([95.0, 1.2], p2.RawValue);
        Assert.Equal(["mg/dL", "mmol/L"], p2.RawUnit.Select(u => p2.UnitSpellings[u]));
    }

    [Fact]
    public void A_participant_whose_rows_name_more_unit_spellings_than_a_batch_holds_fails_the_run_naming_them()
    {
        // 257 spellings of one unit (as a site's free-text unit column can give); 256 still fit.
        var spellings = Enumerable.Range(0, 257).Select(i => "mmol/L" + new string(' ', i)).ToList();
        var fits = spellings.Take(256).Select((u, i) => Row(i, "P1", Marker.Glucose, 5, u)).ToList();
        Assert.Equal(256, ParticipantBatches.Build(fits, "run-1", new FactorsUsed(18, 6), People("P1"))[0].Batch.Observations.UnitSpellings.Length);
        var rows = spellings.Select((u, i) => Row(i, "P1", Marker.Glucose, 5, u)).ToList();
        var e = Assert.Throws<IngestException>(() => ParticipantBatches.Build(rows, "run-1", new FactorsUsed(18, 6), People("P1")));
        Assert.Equal("participant P1: the rows name more than 256 different unit spellings (one participant's results can carry at most that many)", e.Message);
    }

    [Fact]
    public void Shard_writes_carry_at_most_250_participants_and_65536_observations_each_and_take_the_shards_in_turn()
    {
        // Participants of 1 row, then ones of 40,000 rows (a monitor's readings: two do not fit in one write) and one of 70,000 (alone).
        var sizes = Enumerable.Repeat(1, 600).Concat([40_000, 40_000, 40_000, 70_000]).ToList();
        var rows = new List<AcceptedRow>();
        for (var p = 0; p < sizes.Count; p++)
            for (var i = 0; i < sizes[p]; i++) rows.Add(Row(rows.Count, $"P{p:D4}", Marker.Glucose, 5, "mmol/L"));
        var ids = sizes.Select((_, p) => $"P{p:D4}").ToArray();
        var batches = ParticipantBatches.Build(rows, "run-1", new FactorsUsed(18, 6), People(ids));

        var writes = IngestRunner.ShardWrites(batches, shards: 2).ToList();

        // Every participant exactly once, with its rows counted.
        Assert.Equal(ids.Order(StringComparer.Ordinal), writes.SelectMany(w => w.Participants.Select(p => p.ParticipantId)).Order(StringComparer.Ordinal));
        Assert.All(writes, w => Assert.Equal(w.Participants.Sum(p => (long)p.Batch.Observations.Count), w.Rows));
        Assert.All(writes, w => Assert.InRange(w.Participants.Length, 1, IngestRunner.ParticipantsPerWrite));
        Assert.All(writes.Where(w => w.Participants.Length > 1), w => Assert.InRange(w.Rows, 2, IngestRunner.RowsPerWrite));
        Assert.Contains(writes, w => w.Participants.Length == IngestRunner.ParticipantsPerWrite);
        Assert.Single(writes, w => w.Rows == 70_000);
        Assert.All(writes, w => Assert.All(w.Participants, p => Assert.Equal(w.Shard, ShardMapOf(p.ParticipantId))));
        // The shards in turn: no shard's second write before every shard's first.
        var firsts = writes.Select(w => w.Shard).Distinct().Count();
        Assert.Equal(2, firsts);
        Assert.Equal([0, 1], writes.Take(2).Select(w => w.Shard).Order());

        static int ShardMapOf(string id) => Cohort.Contracts.Queries.ShardMap.ShardOf(id, 2);
    }

    private static Dictionary<string, Demographics?> People(params string[] ids) =>
        ids.ToDictionary(id => id, Demographics? (_) => new Demographics { Sex = "F", BirthYear = 1970, Ethnicity = null, Site = "S01", SurveyWeight = null });

    [Fact]
    public void Row_groups_held_back_join_each_participants_rows_in_order_with_their_units_and_sources()
    {
        RowGroupWrite Part(int group, params AcceptedRow[] rows)
        {
            var blockRows = new int[rows.Length];
            return new RowGroupWrite("lab.parquet", group, ParticipantBatches.Build([.. rows], "run-1", new FactorsUsed(18, 6), People("P1", "P2"), blockRows: blockRows),
                input: 0, blockRows: blockRows);
        }
        var first = Part(0, Row(0, "P1", Marker.Glucose, 5.1, "mmol/L"), Row(1, "P2", Marker.Glucose, 95, "mg/dL"));
        var second = Part(1, Row(0, "P2", Marker.Insulin, 60, "pmol/L"), Row(1, "P1", Marker.Glucose, 99, "mg/dL"), Row(2, "P1", Marker.Hdl, 1.2, "mmol/L"));

        var joined = RowGroupWrite.Combine([first, second]);

        Assert.Equal(["P1", "P2"], joined.Batches.Select(b => b.Id));
        var p1 = joined.Batches[0].Batch;
        // Their parts' times do not overlap (a row's time here is its row number): no key can come twice, so the shard takes it whole.
        Assert.False(p1.MayRepeat);
        Assert.Equal([5.1, 99, 1.2], p1.Observations.RawValue);
        Assert.Equal(["mmol/L", "mg/dL", "mmol/L"], p1.Observations.RawUnit.Select(u => p1.Observations.UnitSpellings[u]));
        Assert.Equal(["mmol/L", "mg/dL"], p1.Observations.UnitSpellings);
        // Each joined row traced to its own row group and block row, and read from the joined batch.
        var (batch, row, blockRow, _, file, group, _) = joined.Row("P1", 2);
        Assert.Same(p1, batch);
        Assert.Equal((2, 2, "lab.parquet", 1), (row, blockRow, file, group));
        Assert.Equal((0, 0), (joined.Row("P1", 0).BlockRow, joined.Row("P1", 0).RowGroup));
        Assert.Equal((0, 1), (joined.Row("P2", 1).BlockRow, joined.Row("P2", 1).RowGroup));
        Assert.Equal(5, joined.Rows);
    }

    [Fact]
    public void A_participant_whose_held_row_groups_share_a_time_may_repeat_a_key_and_one_whose_do_not_may_not()
    {
        RowGroupWrite Part(int group, params AcceptedRow[] rows) =>
            new("lab.parquet", group, ParticipantBatches.Build([.. rows], "run-1", new FactorsUsed(18, 6), People("P1", "P2")));
        // A row's time is its row number: P1 has rows at times 0–1 in the first part and at time 1 in the second (a repeat of its
        // glucose, or any other marker at that time: only a shared time can repeat a key); P2 at time 2, then times 0 and 3.
        var first = Part(0, Row(0, "P1", Marker.Glucose, 5.1, "mmol/L"), Row(1, "P1", Marker.Glucose, 5.2, "mmol/L"), Row(2, "P2", Marker.Hdl, 1.2, "mmol/L"));
        var second = Part(1, Row(0, "P2", Marker.Insulin, 60, "pmol/L"), Row(1, "P1", Marker.Glucose, 5.3, "mmol/L"), Row(3, "P2", Marker.Hdl, 1.3, "mmol/L"));

        var joined = RowGroupWrite.Combine([first, second]).Batches.ToDictionary(b => b.Id, b => b.Batch);

        Assert.True(joined["P1"].MayRepeat);
        Assert.True(joined["P2"].MayRepeat);
        var third = Part(2, Row(5, "P2", Marker.Hdl, 1.4, "mmol/L"), Row(6, "P2", Marker.Glucose, 5.0, "mmol/L"));
        var fourth = Part(3, Row(7, "P2", Marker.Hdl, 1.5, "mmol/L"));
        Assert.False(RowGroupWrite.Combine([third, fourth]).Batches.Single().Batch.MayRepeat);
        // A part that may itself repeat a key keeps the joined batch looked up row by row.
        Assert.True(RowGroupWrite.Combine([RowGroupWrite.Combine([Part(4, Row(8, "P2", Marker.Hdl, 1, "mmol/L")), Part(5, Row(8, "P2", Marker.Hdl, 1, "mmol/L"))]),
            Part(6, Row(9, "P2", Marker.Hdl, 1, "mmol/L"))]).Batches.Single().Batch.MayRepeat);
    }

    [Fact]
    public void Held_row_groups_whose_joined_units_exceed_a_batch_fail_the_run_naming_the_participant()
    {
        RowGroupWrite Part(int group, int from) => new("lab.parquet", group,
            ParticipantBatches.Build([.. Enumerable.Range(0, 200).Select(i => Row(i, "P1", Marker.Glucose, 5, "mmol/L" + new string(' ', from + i)))], "run-1", new FactorsUsed(18, 6), People("P1")));
        var e = Assert.Throws<IngestException>(() => RowGroupWrite.Combine([Part(0, 0), Part(1, 200)]));
        Assert.StartsWith("participant P1: the rows name more than 256 different unit spellings", e.Message);
    }
}
