using Cohort.Grains.Participants;
using Cohort.Grains.Phenotypes;
using Cohort.Grains.Shards;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;

namespace Cohort.Grains.Tests;

/// <summary>
/// States stored by an earlier build load into today's types. The blobs in <c>StoredState/</c> are a shard and the phenotype model
/// store exactly as the build before the folder renames (Cohort.Grains.Cohort → Shards and Queries, Cohort.Contracts.Cohort →
/// Queries) wrote them to SQLite (600 generated participants, two visits, four shards, one model fitted); renaming or moving a
/// persisted type must keep them loading.
/// </summary>
public sealed class StoredStateCompatibilityTests
{
    private readonly Serializer _serializer = new ServiceCollection().AddSerializer().BuildServiceProvider().GetRequiredService<Serializer>();

    private static byte[] Blob(string name) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "StoredState", name));

    [Fact]
    public void A_shard_stored_before_the_renames_loads()
    {
        var s = _serializer.Deserialize<ShardState>(Blob("shard-0.bin"))!;
        var metricSum = s.ByVisit.Sum(v => v.Metrics.Sum(m => m.Take(s.Count).Where(x => !float.IsNaN(x)).Sum(x => (double)x)));
        Assert.Equal((150, "P0000128", 2), (s.Count, s.Ids[0], s.ByVisit.Count));
        Assert.Equal(572726.1550744241, metricSum, 6);
        Assert.Equal((1, "first visit with an OGTT", 3), (s.Model!.Version, s.Model.Visit.Label, s.Model.K));
        Assert.Equal(136, s.Phenotype.Take(s.Count).Count(p => p != 0));
    }

    /// <summary>
    /// The same shard, written again by today's build: its number columns go packed as bytes (the old ids are read, never written;
    /// the point is one copy per column instead of a field per number, not size), and every value reads back the same (NaN included,
    /// as the bits they were).
    /// </summary>
    [Fact]
    public void A_shard_written_again_stores_its_columns_packed_and_reads_back_every_value()
    {
        var old = Blob("shard-0.bin");
        var s = _serializer.Deserialize<ShardState>(old)!;
        var again = _serializer.SerializeToArray(s);
        Assert.True(again.Length <= old.Length, $"{again.Length} bytes written again, {old.Length} before");
        var back = _serializer.Deserialize<ShardState>(again)!;
        Assert.Equal(s.ByVisit.Count, back.ByVisit.Count);
        for (var k = 0; k < s.ByVisit.Count; k++)
        {
            Assert.Equal(s.ByVisit[k].Day, back.ByVisit[k].Day);
            Assert.Equal(s.ByVisit[k].Flags, back.ByVisit[k].Flags);
            Assert.Equal(s.ByVisit[k].Metrics.Length, back.ByVisit[k].Metrics.Length);
            for (var m = 0; m < s.ByVisit[k].Metrics.Length; m++)
                Assert.Equal(s.ByVisit[k].Metrics[m].Select(BitConverter.SingleToInt32Bits), back.ByVisit[k].Metrics[m].Select(BitConverter.SingleToInt32Bits));
        }
        Assert.Equal(s.ObservationsByMarker, back.ObservationsByMarker);
        Assert.Equal(s.Ids, back.Ids);
        Assert.Equal(s.Phenotype, back.Phenotype);
    }

    /// <summary>
    /// <c>participant-P0000001.bin</c> is a participant state as the first build whose shards write participants stored it (74
    /// observations, new in a run still pending when it was taken): it loads, with its series, its lineage and the run it waits for.
    /// </summary>
    [Fact]
    public void A_participant_written_by_its_shard_loads()
    {
        var s = _serializer.Deserialize<ParticipantState>(Blob("participant-P0000001.bin"))!;
        Assert.Equal(74, s.Observations.Count);
        var run = Assert.Single(s.Observations.Runs);
        Assert.StartsWith("run-", run, StringComparison.Ordinal);
        Assert.Equal(run, s.PendingRun);
        Assert.False(s.Before!.Existed);
        Assert.NotEqual(0u, s.RecordKey);
        Assert.NotNull(s.Demographics);
    }

    /// <summary>
    /// The same participant in today's layout (<see cref="ParticipantPacking"/>), with a published copy of other observations beside
    /// it (a run still open changed them): every column of both reads back as it was, and damaged bytes are refused naming where.
    /// </summary>
    [Fact]
    public void A_participant_packed_in_its_own_layout_reads_back_every_column_and_damage_is_refused()
    {
        var s = _serializer.Deserialize<ParticipantState>(Blob("participant-P0000001.bin"))!;
        var o = s.Observations;
        s.Before = new ParticipantSnapshot
        {
            Demographics = s.Demographics, Factors = s.Factors, Existed = true,
            Observations = new Contracts.Participants.ObservationColumns
            {
                Marker = [1, 2], TakenAt = [5, 6], OgttMinute = [-1, 120], Value = [double.NaN, 2.5], RawValue = [-0.0, 45],
                RawUnit = [0, 1], UnitSpellings = ["mg/dL", "µU/mL"], Fasting = [-1, 1], Flags = [0, 1], Run = [0, 0], Runs = ["run-a"],
            },
        };
        var packed = ParticipantPacking.Pack(s, _serializer);
        var back = ParticipantPacking.Unpack(packed, _serializer);
        foreach (var (a, b) in new[] { (o, back.Observations), (s.Before.Observations, back.Before!.Observations) })
        {
            Assert.Equal(a.Marker, b.Marker);
            Assert.Equal(a.TakenAt, b.TakenAt);
            Assert.Equal(a.OgttMinute, b.OgttMinute);
            Assert.Equal(a.Value.Select(BitConverter.DoubleToInt64Bits), b.Value.Select(BitConverter.DoubleToInt64Bits));
            Assert.Equal(a.RawValue.Select(BitConverter.DoubleToInt64Bits), b.RawValue.Select(BitConverter.DoubleToInt64Bits));
            Assert.Equal(a.RawUnit, b.RawUnit);
            Assert.Equal(a.UnitSpellings, b.UnitSpellings);
            Assert.Equal(a.Fasting, b.Fasting);
            Assert.Equal(a.Flags, b.Flags);
            Assert.Equal(a.Run, b.Run);
            Assert.Equal(a.Runs, b.Runs);
        }
        Assert.Equal((s.Demographics, s.Factors, s.RecordKey, s.PendingRun), (back.Demographics, back.Factors, back.RecordKey, back.PendingRun));
        Assert.Equal((s.Before.Demographics, true), (back.Before!.Demographics, back.Before.Existed));

        var cut = Assert.Throws<InvalidDataException>(() => ParticipantPacking.Unpack(packed[..^5], _serializer));
        Assert.Contains("ends early", cut.Message, StringComparison.Ordinal);
        var longer = Assert.Throws<InvalidDataException>(() => ParticipantPacking.Unpack([.. packed, 0], _serializer));
        Assert.Contains("1 bytes past its observations", longer.Message, StringComparison.Ordinal);
        Assert.False(ParticipantPacking.IsPacked(Blob("participant-P0000001.bin")));

        // A participant with nothing pending (no published copy), with a unit spelled in more than 127 bytes of UTF-8.
        var spelling = string.Concat(Enumerable.Repeat("µg/dL·", 30));
        s.Before = null;
        s.PendingRun = null;
        s.Observations.UnitSpellings = [.. s.Observations.UnitSpellings, spelling];
        var settled = ParticipantPacking.Unpack(ParticipantPacking.Pack(s, _serializer), _serializer);
        Assert.Null(settled.Before);
        Assert.Null(settled.PendingRun);
        Assert.Equal(spelling, settled.Observations.UnitSpellings[^1]);
        Assert.Equal(o.TakenAt, settled.Observations.TakenAt);
    }

    /// <summary>
    /// The observation columns <see cref="ParticipantPacking"/> packs, one by one: a column added to <c>ObservationColumns</c> fails
    /// this until the packing stores it too (and its version moves on), so that no column is silently left out of storage.
    /// </summary>
    [Fact]
    public void Every_observation_column_is_one_the_participant_packing_stores()
    {
        var columns = typeof(Contracts.Participants.ObservationColumns).GetProperties()
            .Where(p => p.GetCustomAttributes(typeof(IdAttribute), false).Length > 0).Select(p => p.Name).Order().ToArray();
        Assert.Equal(["Fasting", "Flags", "Marker", "OgttMinute", "RawUnit", "RawValue", "Run", "Runs", "TakenAt", "UnitSpellings", "Value"], columns);
    }

    [Fact]
    public void Phenotype_models_stored_before_the_renames_load()
    {
        var m = _serializer.Deserialize<PhenotypeModelsState>(Blob("phenotype-models.bin"))!;
        var model = Assert.Single(m.Models);
        Assert.Equal((1, "first visit with an OGTT", 3, 10, "run-20261201T062755Z-c0f056"),
            (model.Version, model.Visit.Label, model.K, model.Features.Length, model.DataVersion));
    }
}
