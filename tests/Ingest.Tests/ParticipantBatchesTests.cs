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

        var writes = ShardWrites(batches);

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

    [Fact]
    public void Each_shard_s_participants_go_in_the_store_s_key_order_whatever_order_the_batches_came_in()
    {
        // Ids in no order (as pseudonyms, or a release's order of first appearance), beginning with either case (ordinal order, the
        // store's, puts "B…" before "a…"); 700 a shard or so, so that a shard's participants fill several writes.
        var random = new Random(7);
        char Letter() => (char)((random.Next(2) == 0 ? 'A' : 'a') + random.Next(26));
        var ids = Enumerable.Range(0, 1400).Select(_ => $"{Letter()}{Letter()}{random.Next(100_000):D5}").Distinct().ToArray();
        var rows = ids.Select((id, i) => Row(i, id, Marker.Glucose, 5, "mmol/L")).ToList();
        var batches = ParticipantBatches.Build(rows, "run-1", new FactorsUsed(18, 6), People(ids));
        Assert.Equal(ids, batches.Select(b => b.Id));

        var writes = ShardWrites(batches);

        foreach (var shard in writes.GroupBy(w => w.Shard))
        {
            Assert.True(shard.Count() > 1);
            var inOrder = shard.SelectMany(w => w.Participants.Select(p => p.ParticipantId)).ToArray();
            Assert.Equal(inOrder.Order(StringComparer.Ordinal), inOrder);
        }
        Assert.Equal(ids.Order(StringComparer.Ordinal), writes.SelectMany(w => w.Participants.Select(p => p.ParticipantId)).Order(StringComparer.Ordinal));
    }

    /// <summary>The shard writes of a row group's batches, each naming its participants' batches.</summary>
    private static List<(int Shard, ParticipantWrite[] Participants, long Rows)> ShardWrites(List<(string Id, ParticipantBatch Batch)> batches) =>
        IngestRunner.ShardWrites(batches.ConvertAll(b => b.Id), k => batches[k].Batch.Observations.Count, shards: 2)
            .Select(w => (w.Shard, Array.ConvertAll(w.Members, k => new ParticipantWrite(batches[k].Id, batches[k].Batch)), w.Rows)).ToList();

    private static Dictionary<string, Demographics?> People(params string[] ids) =>
        ids.ToDictionary(id => id, Demographics? (_) => new Demographics { Sex = "F", BirthYear = 1970, Ethnicity = null, Site = "S01", SurveyWeight = null });

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(64)]
    [InlineData(5_000)]
    public void A_row_group_goes_to_the_shards_in_parts_that_cover_it_in_order_each_ending_with_a_participant(int rowsPerPart)
    {
        // 300 participants sorted by id, 1 to 40 rows each, the ids as distinct strings (a reader's are equal by value, not always by
        // reference).
        var random = new Random(11);
        var rows = new List<AcceptedRow>();
        for (var p = 0; p < 300; p++)
            for (int k = 0, n = random.Next(1, 41); k < n; k++)
                rows.Add(Row(rows.Count, new string($"P{p:D3}".AsSpan()), Marker.Glucose, 5, "mmol/L"));

        var parts = IngestRunner.Parts(rows, rowsPerPart).ToList();

        // Every row once, in order.
        Assert.Equal(Enumerable.Range(0, rows.Count), parts.SelectMany(p => Enumerable.Range(p.Start, p.Count)));
        // Each part but the last holds at least the rows asked for, and no more than its last participant's rows beyond them.
        foreach (var (start, count) in parts.SkipLast(1))
        {
            Assert.InRange(count, rowsPerPart, rowsPerPart + 40 - 1);
            Assert.NotEqual(rows[start + count - 1].ParticipantId, rows[start + count].ParticipantId);
        }
        // No participant in two parts.
        var partOf = parts.SelectMany((p, k) => rows.Skip(p.Start).Take(p.Count).Select(r => (r.ParticipantId, k))).Distinct().ToList();
        Assert.Equal(300, partOf.Count);
        Assert.True(parts[^1].Count > 0);
    }

    [Fact]
    public void A_row_group_without_accepted_rows_is_one_empty_part() =>
        Assert.Equal([(0, 0)], IngestRunner.Parts([], 10));
}
