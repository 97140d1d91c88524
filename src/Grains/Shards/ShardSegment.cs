using System.Runtime.InteropServices;
using Cohort.Contracts.Outcomes;
using Cohort.Contracts.Queries;
using Cohort.Grains.Participants;

namespace Cohort.Grains.Shards;

/// <summary>
/// What one call of a run staged in a shard, stored as one row of the shard's log: the summaries of the participants it wrote (with
/// the rows of stored participants the run has now given unchanged, and those whose stored state now keeps them as published beside
/// the change, so that a shard activated again mid-run still takes a later repeat as a repeat and settles them once the run is
/// decided), or the outcome event rows it brought. Written once, never changed; deleted when the shard's base state has taken it in. Stored packed by
/// <see cref="SegmentPacking"/> (<see cref="Stored"/>, <see cref="FromStored"/>). Segments written before 2 December 2026 (evening)
/// were this class serialized by Orleans, the summaries without their metrics and every visit's metrics as raw bytes beside them: still
/// read (the <see cref="GenerateSerializerAttribute"/> and the ids below are kept for that), never written.
/// </summary>
[GenerateSerializer]
[Alias("Cohort.Grains.Shards.ShardSegment")]
public sealed class ShardSegment
{
    [NonSerialized] private ParticipantSummary[]? _withoutMetrics;

    public ShardSegment() { }

    public ShardSegment(ParticipantSummary[] summaries, EventRows[] events, UnchangedRows[]? given = null, string[]? keeping = null) =>
        (Summaries, Events, Given, Keeping) = (summaries, events, given ?? [], keeping ?? []);

    [field: NonSerialized] public ParticipantSummary[] Summaries { get; private set; } = [];

    [Id(1)] public EventRows[] Events { get; set; } = [];

    /// <summary>
    /// The stored participants of the call whose rows given unchanged by the run grew, with all such rows so far (a later segment's
    /// bitmap of a participant holds the earlier's).
    /// </summary>
    [field: NonSerialized] public UnchangedRows[] Given { get; private set; } = [];

    /// <summary>The call's participants whose stored state now keeps them as published beside the run's change (<see cref="ShardStaging.Keeping"/>).</summary>
    [field: NonSerialized] public string[] Keeping { get; private set; } = [];

    /// <summary>The segment as its log row stores it.</summary>
    public byte[] Stored() => SegmentPacking.Pack(Summaries, Events, Given, Keeping);

    /// <summary>A stored segment: packed, or of the earlier layout, which <paramref name="earlierLayout"/> (Orleans' serializer) reads.</summary>
    public static ShardSegment FromStored(byte[] data, Func<byte[], ShardSegment> earlierLayout) =>
        SegmentPacking.IsPacked(data) ? FromPacked(data) : earlierLayout(data);

    /// <summary>A segment stored in this layout (<see cref="SegmentPacking"/>).</summary>
    public static ShardSegment FromPacked(byte[] data)
    {
        var (summaries, events, given, keeping) = SegmentPacking.Unpack(data);
        return new ShardSegment(summaries, events, given, keeping);
    }

    /// <summary>Earlier segments' summaries with each visit's metrics left out (they follow in <see cref="LegacyPackedMetrics"/>).</summary>
    [Id(0)]
    public ParticipantSummary[]? LegacySummariesWithoutMetrics
    {
        get => null;
        set => (_withoutMetrics, Summaries) = (value, value ?? Summaries);
    }

    /// <summary>Earlier segments' visit metrics in summary and visit order, each as its count (int32) then its floats, little-endian.</summary>
    [Id(2)]
    public byte[]? LegacyPackedMetrics
    {
        get => null;
        set { if (value is not null && _withoutMetrics is not null) Summaries = Unpack(_withoutMetrics, value); }
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
