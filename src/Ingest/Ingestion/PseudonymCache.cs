using Cohort.Contracts.Access;

namespace Cohort.Ingest.Ingestion;

/// <summary>
/// A run's source-id → pseudonym map, filled by the silo's <see cref="IPseudonymGrain"/> (one call per row group for the ids not
/// seen yet): ids are replaced as soon as they are read, before validation, grouping, grain keys or the quarantine see them. The
/// silo is asked once whether it pseudonymises at all: when it does not, ids stay as they are and nothing is mapped or kept (a run
/// of a million participants otherwise built a million-entry map of ids to themselves before its first row could be validated).
/// </summary>
public sealed class PseudonymCache(IGrainFactory grains)
{
    private readonly Dictionary<string, string> _map = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>Whether the silo pseudonymises ids, asked once.</summary>
    private readonly Lazy<Task<bool>> _enabled = new(async () => (await grains.GetGrain<IPseudonymGrain>(0).Status()).Enabled);

    /// <summary>The pseudonyms of <paramref name="ids"/>, as a new array.</summary>
    public async Task<string?[]> MapAsync(string?[] ids)
    {
        var mapped = (string?[])ids.Clone();
        await ReplaceAsync(mapped, mapped.Length);
        return mapped;
    }

    /// <summary>
    /// Replaces the first <paramref name="count"/> ids with their pseudonyms, in place. A file's rows come participant by participant,
    /// and a reader gives consecutive rows of one participant the same string: those are looked up once.
    /// </summary>
    public async Task ReplaceAsync(string?[] ids, int count)
    {
        await _gate.WaitAsync();
        try
        {
            if (!await _enabled.Value) return;
            var unseen = new HashSet<string>(StringComparer.Ordinal);
            string? previous = null;
            for (var i = 0; i < count; i++)
                if (ids[i] is { } id && !ReferenceEquals(id, previous) && !_map.ContainsKey(previous = id)) unseen.Add(id);
            foreach (var chunk in unseen.Chunk(50_000))
            {
                var mapped = await grains.GetGrain<IPseudonymGrain>(0).Map(chunk);
                for (var i = 0; i < chunk.Length; i++) _map[chunk[i]] = mapped[i];
            }
            string? from = null, to = null;
            for (var i = 0; i < count; i++)
            {
                if (ids[i] is not { } id) continue;
                if (!ReferenceEquals(id, from)) (from, to) = (id, _map[id]);
                ids[i] = to;
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>A dictionary by pseudonym: <paramref name="byId"/> itself when the silo does not pseudonymise.</summary>
    public async Task<Dictionary<string, T>> MapKeysAsync<T>(Dictionary<string, T> byId)
    {
        if (!await _enabled.Value) return byId;
        var keys = byId.Keys.ToArray();
        var mapped = await MapAsync(keys);
        var result = new Dictionary<string, T>(byId.Count, StringComparer.Ordinal);
        for (var i = 0; i < keys.Length; i++) result[mapped[i]!] = byId[keys[i]];
        return result;
    }
}
