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
    /// so that it does not hold them twice. Stored with the segment of the write call that changed them (<see cref="ShardSegment.Keeping"/>),
    /// so that a run staged again from the log after a restart settles them too.
    /// </summary>
    public HashSet<string> Keeping { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// For each participant the run has given results already stored with the same value, which rows of their stored table those are
    /// (a bitmap: <see cref="Participants.ObservationTable.Merge"/>), so that a later row group or file of the run repeating one of
    /// them is a repeat, as one repeating a value the run added or changed is. Stored with the segment of the write call that grew them
    /// (<see cref="ShardSegment.Given"/>), so that a shard activated afresh in the middle of a run (its silo lost) stages them again
    /// with the run's segments and still takes such a repeat as a repeat, not as a correction.
    /// </summary>
    public Dictionary<string, ulong[]> GivenUnchanged { get; } = new(StringComparer.Ordinal);

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
        EventRows += Tally(segment, _participants, GivenUnchanged, Keeping);
    }

    public bool Holds(string participantId) => _participants.Contains(participantId);

    /// <summary>The staged segments unpacked one at a time, in the order they were staged.</summary>
    public IEnumerable<ShardSegment> Segments()
    {
        foreach (var stored in _segments) yield return ShardSegment.FromPacked(stored);
    }

    /// <summary>
    /// Stages <paramref name="runId"/> again from its stored segments, packed as the log holds them, in sequence order (a later summary
    /// replaces an earlier); each is unpacked once here, to learn whom it brings, which rows the run gave unchanged and whom it keeps,
    /// and kept as it came.
    /// </summary>
    public void Begin(string runId, IReadOnlyList<byte[]> stored)
    {
        // Every segment is read before anything is staged: a damaged one fails here and leaves the staging as it was.
        var participants = new HashSet<string>(StringComparer.Ordinal);
        var given = new Dictionary<string, ulong[]>(StringComparer.Ordinal);
        var keeping = new HashSet<string>(StringComparer.Ordinal);
        long events = 0;
        foreach (var segment in stored) events += Tally(ShardSegment.FromPacked(segment), participants, given, keeping);
        Begin(runId);
        _segments.AddRange(stored);
        _participants.UnionWith(participants);
        EventRows = events;
        foreach (var (id, rows) in given) GivenUnchanged[id] = rows;
        Keeping.UnionWith(keeping);
    }

    /// <summary>
    /// Adds the segment's participants to <paramref name="participants"/>, its rows given unchanged to <paramref name="given"/> (a later
    /// segment's bitmap of a participant holds every row the earlier ones gave) and whom it keeps to <paramref name="keeping"/>; returns
    /// its event rows.
    /// </summary>
    private static long Tally(ShardSegment segment, HashSet<string> participants, Dictionary<string, ulong[]> given, HashSet<string> keeping)
    {
        foreach (var s in segment.Summaries) participants.Add(s.ParticipantId);
        foreach (var g in segment.Given) given[g.ParticipantId] = g.Rows;
        keeping.UnionWith(segment.Keeping);
        return segment.Events.Sum(e => (long)e.Count);
    }

    public void Clear()
    {
        Run = null;
        _segments.Clear();
        _participants.Clear();
        Keeping.Clear();
        GivenUnchanged.Clear();
        EventRows = 0;
    }
}
