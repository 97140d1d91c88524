using Cohort.Grains.Storage;

namespace Cohort.Grains.Shards;

/// <summary>
/// A shard's durable log of staged segments: one stored row per write call of a run (key "shard/run/sequence"), appended and durable
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
    /// Stores a segment of <paramref name="runId"/>; returns once it is durable. A segment that must come before every other of its run
    /// (a run staged in a base written by an earlier version) takes <paramref name="sequence"/> −1.
    /// </summary>
    public async Task AppendAsync(string runId, ShardSegment segment, int? sequence = null)
    {
        var seq = sequence ?? _next.GetValueOrDefault(runId);
        _next[runId] = Math.Max(_next.GetValueOrDefault(runId), seq + 1);
        var key = $"{RunPrefix(runId)}{seq:D9}";
        if (!(await storage.ApplyAsync([new StateWrite(StateType, key, null, 1, storage.Serialize(segment))]))[0])
            throw new Orleans.Storage.InconsistentStateException($"segment {key} of shard {shard} already exists (two activations of the shard?); run the ingest again", "", "");
        if (!_keys.TryGetValue(runId, out var keys)) _keys[runId] = keys = [];
        keys.Add(key);
    }

    /// <summary>Reads every stored segment, grouped by run (in the order of their first keys) in sequence order.</summary>
    public async Task<List<(string RunId, List<ShardSegment> Segments)>> LoadAsync()
    {
        _keys.Clear();
        _next.Clear();
        return Load(await storage.ReadPrefixAsync<ShardSegment>(StateType, _prefix));
    }

    /// <summary>
    /// Whether the store holds exactly the segments of <paramref name="runId"/> this activation knows of. It holds more when another
    /// activation of the shard wrote some (two can exist briefly while the cluster replaces a silo): then this one's staging is partial.
    /// </summary>
    public async Task<bool> KnowsAllOf(string runId) =>
        await storage.CountPrefixAsync(StateType, RunPrefix(runId)) == (_keys.GetValueOrDefault(runId)?.Count ?? 0);

    /// <summary>Reads the stored segments of one run again (replacing what this activation knew of it), in sequence order.</summary>
    public async Task<List<ShardSegment>> LoadRunAsync(string runId)
    {
        _keys.Remove(runId);
        _next.Remove(runId);
        var runs = Load(await storage.ReadPrefixAsync<ShardSegment>(StateType, RunPrefix(runId)));
        return runs.Count == 0 ? [] : runs[0].Segments;
    }

    private List<(string RunId, List<ShardSegment> Segments)> Load(List<(string Key, ShardSegment Segment)> stored)
    {
        var runs = new List<(string RunId, List<ShardSegment> Segments)>();
        var byRun = new Dictionary<string, List<ShardSegment>>(StringComparer.Ordinal);
        foreach (var (key, segment) in stored)
        {
            var slash = key.LastIndexOf('/');
            var runId = key[_prefix.Length..slash];
            var seq = int.Parse(key.AsSpan(slash + 1), System.Globalization.CultureInfo.InvariantCulture);
            if (!byRun.TryGetValue(runId, out var segments))
            {
                byRun[runId] = segments = [];
                runs.Add((runId, segments));
                _keys[runId] = [];
            }
            segments.Add(segment);
            _keys[runId].Add(key);
            _next[runId] = Math.Max(_next.GetValueOrDefault(runId), seq + 1);
        }
        return runs;
    }

    /// <summary>Deletes the segments of runs the base state has taken in (or that were abandoned).</summary>
    public async Task DeleteAsync(IReadOnlyCollection<string> runIds)
    {
        var writes = runIds.SelectMany(r => _keys.GetValueOrDefault(r) ?? []).Select(k => new StateWrite(StateType, k, 1, 0, null)).ToArray();
        if (writes.Length > 0) await storage.ApplyAsync(writes);
        foreach (var r in runIds) (_, _) = (_keys.Remove(r), _next.Remove(r));
    }
}
