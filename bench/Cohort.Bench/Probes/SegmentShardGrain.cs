using Cohort.Contracts.Participants;
using Cohort.Grains.Markers;

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
    public async Task<int> Append(string folder, List<(string Id, ParticipantBatch Batch)> participants)
    {
        var markers = await GrainFactory.MarkersAsync();
        var segment = new MemoryStream();
        var w = new BinaryWriter(segment);
        var visits = 0;
        foreach (var (id, batch) in participants)
        {
            visits += SegmentProbe.Derive(id, batch, markers);
            SegmentProbe.Write(w, id, batch.Observations);
        }
        w.Flush();
        await using var file = new FileStream(Path.Combine(folder, $"shard-{this.GetPrimaryKeyLong()}.seg"), FileMode.Append, FileAccess.Write, FileShare.None, 1 << 16);
        await file.WriteAsync(segment.GetBuffer().AsMemory(0, (int)segment.Length));
        file.Flush(flushToDisk: true);
        return visits;
    }
}
