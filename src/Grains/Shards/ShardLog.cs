using Cohort.Grains.Storage;

namespace Cohort.Grains.Shards;

/// <summary>
/// A shard's durable log of staged segments: one stored row per write call of a run (key "shard/run/sequence"), appended and stored
/// before the call answers. The shard's base state (its persisted columns) is rewritten only when the log has grown to a good part of
/// it (compaction), not at every prepare or flush; on activation the shard replays, over its base, the runs the commit log says
/// committed after the base's epoch, stages the run still open, and forgets the abandoned ones.
/// </summary>
internal sealed class ShardLog(GroupCommitGrainStorage storage, long shard)
{
    /// <summary>The stored type of segments.</summary>
    public const string StateType = "cohortshard/segment";

    private readonly string _prefix = $"{shard:D4}/";
    private readonly Dictionary<string, List<string>> _keys = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _next = new(StringComparer.Ordinal);

    private string RunPrefix(string runId) => $"{_prefix}{runId}/";

    /// <summary>
    /// Stores a segment of <paramref name="runId"/> (packed: <see cref="ShardSegment.Stored"/>); returns once it is stored, durable with the
    /// run's commit record (<see cref="StateWrite.Staged"/>). A segment that must come before every other of its run
    /// (a run staged in a base written by an earlier version) takes <paramref name="sequence"/> −1.
    /// </summary>
    public async Task AppendAsync(string runId, byte[] stored, int? sequence = null)
    {
        var seq = sequence ?? _next.GetValueOrDefault(runId);
        _next[runId] = Math.Max(_next.GetValueOrDefault(runId), seq + 1);
        var key = $"{RunPrefix(runId)}{seq:D9}";
        if (!(await storage.ApplyAsync([new StateWrite(StateType, key, null, 1, stored, Staged: true)]))[0])
            throw new Orleans.Storage.InconsistentStateException($"segment {key} of shard {shard} already exists (two activations of the shard?); run the ingest again", "", "");
        Track(runId, key);
    }

    /// <summary>Records a stored segment's key under its run (and the run's next sequence number); returns whether the run is new here.</summary>
    private bool Track(string runId, string key)
    {
        var fresh = !_keys.TryGetValue(runId, out var keys);
        if (fresh) _keys[runId] = keys = [];
        keys!.Add(key);
        _next[runId] = Math.Max(_next.GetValueOrDefault(runId), SequenceOf(key) + 1);
        return fresh;
    }

    /// <summary>Segments read from the store per statement while replaying: a few megabytes at a million participants.</summary>
    private const int SegmentsPerRead = 8;

    /// <summary>
    /// Lists every stored segment without reading it: the runs the log holds, in the order of their first keys. Their segments are
    /// then read run by run (<see cref="ReadAsync"/>), a few at a time, so that a replay holds one run's staged data at most, not the
    /// whole log (at a million participants, a gigabyte of summaries alive at once made the replay of a 1M run take 13–15 s).
    /// </summary>
    public async Task<List<string>> ListAsync()
    {
        _keys.Clear();
        _next.Clear();
        var runs = new List<string>();
        foreach (var key in await storage.KeysWithPrefixAsync(StateType, _prefix))
        {
            var runId = key[_prefix.Length..key.LastIndexOf('/')];
            if (Track(runId, key)) runs.Add(runId);
        }
        return runs;
    }

    /// <summary>Whether the log, as listed, holds the segment of <paramref name="runId"/> with this sequence number.</summary>
    public bool Holds(string runId, int sequence) => _keys.GetValueOrDefault(runId)?.Any(k => SequenceOf(k) == sequence) == true;

    /// <summary>How many segments of <paramref name="runId"/> the store held when listed (or this activation wrote).</summary>
    public int SegmentsOf(string runId) => _keys.GetValueOrDefault(runId)?.Count ?? 0;

    /// <summary>The segments of a listed run, in sequence order, each read and deserialized as it is taken.</summary>
    public async IAsyncEnumerable<ShardSegment> ReadAsync(string runId)
    {
        await foreach (var (_, data) in storage.ReadEachAsync(StateType, [.. _keys.GetValueOrDefault(runId) ?? []], SegmentsPerRead))
            yield return ShardSegment.FromStored(data, storage.Deserialize<ShardSegment>);
    }

    /// <summary>
    /// Whether the store holds exactly the segments of <paramref name="runId"/> this activation knows of. It holds more when another
    /// activation of the shard wrote some (two can exist briefly while the cluster replaces a silo): then this one's staging is partial.
    /// </summary>
    public async Task<bool> KnowsAllOf(string runId) =>
        await storage.CountPrefixAsync(StateType, RunPrefix(runId)) == (_keys.GetValueOrDefault(runId)?.Count ?? 0);

    /// <summary>
    /// Reads the stored segments of one run again, in sequence order, packed as the log stores them (one of the earlier layout is
    /// packed on the way, so that restaging holds bytes rather than a run's objects), and hands them to <paramref name="stage"/>.
    /// Only once they are staged does this log take them as what it knows of the run: a read or a stage that fails leaves it as it
    /// was, so that the run is not taken as complete (<see cref="KnowsAllOf"/>) and is read again next time.
    /// </summary>
    public async Task LoadRunAsync(string runId, Action<IReadOnlyList<byte[]>> stage)
    {
        var keys = await storage.KeysWithPrefixAsync(StateType, RunPrefix(runId));
        var segments = new List<byte[]>(keys.Count);
        await foreach (var (_, data) in storage.ReadEachAsync(StateType, keys, SegmentsPerRead))
            segments.Add(SegmentPacking.IsPacked(data) ? data : ShardSegment.FromStored(data, storage.Deserialize<ShardSegment>).Stored());
        stage(segments);
        _keys.Remove(runId);
        _next.Remove(runId);
        foreach (var key in keys) Track(runId, key);
    }

    private static int SequenceOf(string key) => int.Parse(key.AsSpan(key.LastIndexOf('/') + 1), System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Deletes the segments of runs the base state has taken in (or that were abandoned).</summary>
    public async Task DeleteAsync(IReadOnlyCollection<string> runIds)
    {
        var writes = runIds.SelectMany(r => _keys.GetValueOrDefault(r) ?? []).Select(k => new StateWrite(StateType, k, 1, 0, null)).ToArray();
        if (writes.Length > 0) await storage.ApplyAsync(writes);
        foreach (var r in runIds) (_, _) = (_keys.Remove(r), _next.Remove(r));
    }
}
