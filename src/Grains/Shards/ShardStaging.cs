namespace Cohort.Grains.Shards;

/// <summary>
/// What one open run has staged in a shard, held beside the published columns and invisible to queries until the run commits: its
/// segments as the shard's log stores them (<see cref="SegmentPacking"/>), in the order they were written, and which participants and
/// how many event rows they bring. Durable in the shard's log (<see cref="ShardLog"/>) call by call. Packed rather than as objects: a
/// run's summaries are a few objects per visit, and at 100k participants more than a million of them stayed alive until publication,
/// each collection promoting and then marking them again; packed, a segment is one array with nothing in it to trace.
/// </summary>
internal sealed class ShardStaging
{
    private readonly List<byte[]> _segments = [];
    private readonly HashSet<string> _participants = new(StringComparer.Ordinal);

    public string? Run { get; private set; }

    /// <summary>The participants the staged segments bring, each once (a later segment's summary of one replaces an earlier).</summary>
    public IReadOnlyCollection<string> Participants => _participants;

    /// <summary>
    /// The participants whose stored state keeps, beside this run's change, how they were published before it (a correction of someone
    /// already published): once the run is decided, their state is settled (<see cref="Participants.ParticipantWriter.SettleAsync"/>)
    /// so that it does not hold them twice. Memory only: a run staged again from the log after a restart leaves them to their next write.
    /// </summary>
    public HashSet<string> Keeping { get; } = new(StringComparer.Ordinal);

    /// <summary>The outcome event rows the staged segments bring.</summary>
    public long EventRows { get; private set; }

    public void Begin(string runId)
    {
        Clear();
        Run = runId;
    }

    /// <summary>Stages a segment: <paramref name="stored"/> is <paramref name="segment"/> packed, as the log stored it.</summary>
    public void Add(byte[] stored, ShardSegment segment)
    {
        _segments.Add(stored);
        foreach (var s in segment.Summaries) _participants.Add(s.ParticipantId);
        EventRows += segment.Events.Sum(e => (long)e.Count);
    }

    public bool Holds(string participantId) => _participants.Contains(participantId);

    /// <summary>The staged segments unpacked one at a time, in the order they were staged.</summary>
    public IEnumerable<ShardSegment> Segments()
    {
        foreach (var stored in _segments)
        {
            var (summaries, events) = SegmentPacking.Unpack(stored);
            yield return new ShardSegment(summaries, events);
        }
    }

    /// <summary>
    /// Stages <paramref name="runId"/> again from its stored segments, packed as the log holds them, in sequence order (a later summary
    /// replaces an earlier); each is unpacked once here, to learn whom it brings, and kept as it came.
    /// </summary>
    public void Begin(string runId, IEnumerable<byte[]> stored)
    {
        Begin(runId);
        foreach (var segment in stored)
        {
            var (summaries, events) = SegmentPacking.Unpack(segment);
            Add(segment, new ShardSegment(summaries, events));
        }
    }

    public void Clear()
    {
        Run = null;
        _segments.Clear();
        _participants.Clear();
        Keeping.Clear();
        EventRows = 0;
    }
}
