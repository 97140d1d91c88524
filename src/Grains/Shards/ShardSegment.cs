using System.Runtime.InteropServices;
using Cohort.Contracts.Outcomes;
using Cohort.Contracts.Queries;

namespace Cohort.Grains.Shards;

/// <summary>
/// What one call of a run staged in a shard, stored as one row of the shard's log: the summaries of the participants it wrote, or the
/// outcome event rows it brought. Written once, never changed; deleted when the shard's base state has taken it in. Every visit's
/// metrics are stored together as raw bytes (<see cref="PackedMetrics"/>) and the summaries without them: Orleans' serializer writes a
/// number array element by element, and a replay at a million participants read 160 M of them.
/// </summary>
[GenerateSerializer]
[Alias("Cohort.Grains.Shards.ShardSegment")]
public sealed class ShardSegment
{
    [NonSerialized] private ParticipantSummary[]? _withoutMetrics;

    public ShardSegment() { }

    public ShardSegment(ParticipantSummary[] summaries, EventRows[] events) => (Summaries, Events) = (summaries, events);

    [field: NonSerialized] public ParticipantSummary[] Summaries { get; private set; } = [];

    [Id(1)] public EventRows[] Events { get; set; } = [];

    /// <summary>The summaries with each visit's metrics left out (they follow in <see cref="PackedMetrics"/>).</summary>
    [Id(0)]
    public ParticipantSummary[]? SummariesWithoutMetrics
    {
        get => [.. Summaries.Select(s => s with { AllVisits = [.. s.AllVisits.Select(v => v with { Metrics = [] })] })];
        set => (_withoutMetrics, Summaries) = (value, value ?? []);
    }

    /// <summary>Every visit's metrics in summary and visit order, each as its count (int32) then its floats, little-endian.</summary>
    [Id(2)]
    public byte[]? PackedMetrics
    {
        get => Pack(Summaries);
        set { if (value is not null && _withoutMetrics is not null) Summaries = Unpack(_withoutMetrics, value); }
    }

    private static byte[] Pack(ParticipantSummary[] summaries)
    {
        if (!BitConverter.IsLittleEndian) throw new PlatformNotSupportedException("packed metrics are little-endian");
        var size = summaries.Sum(s => s.AllVisits.Sum(v => 4 + (4 * v.Metrics.Length)));
        var bytes = new byte[size];
        var at = 0;
        foreach (var v in summaries.SelectMany(s => s.AllVisits))
        {
            MemoryMarshal.Write(bytes.AsSpan(at), v.Metrics.Length);
            MemoryMarshal.AsBytes(v.Metrics.AsSpan()).CopyTo(bytes.AsSpan(at + 4));
            at += 4 + (4 * v.Metrics.Length);
        }
        return bytes;
    }

    private static ParticipantSummary[] Unpack(ParticipantSummary[] withoutMetrics, byte[] bytes)
    {
        if (!BitConverter.IsLittleEndian) throw new PlatformNotSupportedException("packed metrics are little-endian");
        var at = 0;
        VisitSummary Next(VisitSummary v)
        {
            var n = MemoryMarshal.Read<int>(bytes.AsSpan(at));
            if (n < 0 || at + 4 + (4 * n) > bytes.Length) throw new InvalidDataException($"a shard segment's packed metrics end early, at byte {at}");
            var metrics = MemoryMarshal.Cast<byte, float>(bytes.AsSpan(at + 4, 4 * n)).ToArray();
            at += 4 + (4 * n);
            return v with { Metrics = metrics };
        }
        var summaries = withoutMetrics.Select(s => s with { AllVisits = [.. s.AllVisits.Select(Next)] }).ToArray();
        if (at != bytes.Length) throw new InvalidDataException($"a shard segment's packed metrics hold {bytes.Length - at} bytes more than its visits");
        return summaries;
    }
}
