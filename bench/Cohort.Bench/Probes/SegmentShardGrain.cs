using Cohort.Contracts.Participants;
using Cohort.Grains.Hosting;
using Cohort.Grains.Markers;
using Cohort.Grains.Participants;

namespace Cohort.Bench.Probes;

/// <summary>
/// A probe of the write path issue 22 sketches: a shard that takes one row group's participants of its own in one call, derives each
/// with the participant grains' derivation, and appends their observations as one segment to its file, fsynced before it answers.
/// </summary>
[Alias("Cohort.Bench.Probes.ISegmentShardGrain")]
public interface ISegmentShardGrain : IGrainWithIntegerKey
{
    [Alias("Append")]
    Task<int> Append(string folder, List<(string Id, ParticipantBatch Batch)> participants);
}

public sealed class SegmentShardGrain : Grain, ISegmentShardGrain
{
    private static readonly CohortOptions Options = new();

    public async Task<int> Append(string folder, List<(string Id, ParticipantBatch Batch)> participants)
    {
        var markers = await GrainFactory.MarkersAsync();
        var segment = new MemoryStream();
        var w = new BinaryWriter(segment);
        var visits = 0;
        foreach (var (id, batch) in participants)
        {
            var table = new ObservationTable(new ObservationColumns());
            table.Merge(batch.Observations, batch.RunId);
            var derived = ParticipantDerivation.Visits(table, batch.Demographics, batch.Factors, Options, markers);
            visits += ParticipantDerivation.Summary(id, table, derived, batch.Demographics, 0, markers).Visits;
            var c = batch.Observations;
            w.Write(id);
            w.Write(c.Count);
            w.Write(c.Marker);
            foreach (var x in c.TakenAt) w.Write(x);
            foreach (var x in c.OgttMinute) w.Write(x);
            foreach (var x in c.Value) w.Write(x);
            foreach (var x in c.RawValue) w.Write(x);
            w.Write(c.RawUnit);
            foreach (var x in c.Fasting) w.Write(x);
        }
        w.Flush();
        await using var file = new FileStream(Path.Combine(folder, $"shard-{this.GetPrimaryKeyLong()}.seg"), FileMode.Append, FileAccess.Write, FileShare.None, 1 << 16);
        await file.WriteAsync(segment.GetBuffer().AsMemory(0, (int)segment.Length));
        file.Flush(flushToDisk: true);
        return visits;
    }
}
