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

    /// <summary>The runs with segments stored, in the order of their first segment's key.</summary>
    public IReadOnlyCollection<string> Runs => _keys.Keys;

    /// <summary>Stores a segment of <paramref name="runId"/>; returns once it is durable.</summary>
    public async Task AppendAsync(string runId, ShardSegment segment)
    {
        var seq = _next.GetValueOrDefault(runId);
        _next[runId] = seq + 1;
        var key = $"{_prefix}{runId}/{seq:D6}";
        if (!(await storage.ApplyAsync([new StateWrite(StateType, key, null, 1, storage.Serialize(segment))]))[0])
            throw new Orleans.Storage.InconsistentStateException($"segment {key} of shard {shard} already exists (two activations of the shard?); run the ingest again", "", "");
        if (!_keys.TryGetValue(runId, out var keys)) _keys[runId] = keys = [];
        keys.Add(key);
    }

    /// <summary>Reads every stored segment, grouped by run in sequence order.</summary>
    public async Task<List<(string RunId, List<ShardSegment> Segments)>> LoadAsync()
    {
        _keys.Clear();
        _next.Clear();
        var runs = new List<(string, List<ShardSegment>)>();
        foreach (var (key, segment) in await storage.ReadPrefixAsync<ShardSegment>(StateType, _prefix))
        {
            var slash = key.LastIndexOf('/');
            var runId = key[_prefix.Length..slash];
            var seq = int.Parse(key.AsSpan(slash + 1), System.Globalization.CultureInfo.InvariantCulture);
            if (!_keys.TryGetValue(runId, out var keys))
            {
                _keys[runId] = keys = [];
                runs.Add((runId, []));
            }
            keys.Add(key);
            _next[runId] = Math.Max(_next.GetValueOrDefault(runId), seq + 1);
            runs.Find(r => r.Item1 == runId).Item2.Add(segment);
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
