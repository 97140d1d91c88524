using Cohort.Contracts.Access;

namespace Cohort.Ingest.Ingestion;

/// <summary>
/// A run's source-id → pseudonym map, filled by the silo's <see cref="IPseudonymGrain"/> (one call per row group for the ids not
/// seen yet): ids are replaced as soon as they are read, before validation, grouping, grain keys or the quarantine see them.
/// </summary>
public sealed class PseudonymCache(IGrainFactory grains)
{
    private readonly Dictionary<string, string> _map = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _gate = new(1, 1);

    public async Task<string?[]> MapAsync(string?[] ids)
    {
        await _gate.WaitAsync();
        try
        {
            var unseen = ids.OfType<string>().Where(id => !_map.ContainsKey(id)).Distinct(StringComparer.Ordinal).ToArray();
            foreach (var chunk in unseen.Chunk(50_000))
            {
                var mapped = await grains.GetGrain<IPseudonymGrain>(0).Map(chunk);
                for (var i = 0; i < chunk.Length; i++) _map[chunk[i]] = mapped[i];
            }
            return Array.ConvertAll(ids, id => id is null ? null : _map[id]);
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<Dictionary<string, T>> MapKeysAsync<T>(Dictionary<string, T> byId)
    {
        var keys = byId.Keys.ToArray();
        var mapped = await MapAsync(keys);
        var result = new Dictionary<string, T>(byId.Count, StringComparer.Ordinal);
        for (var i = 0; i < keys.Length; i++) result[mapped[i]!] = byId[keys[i]];
        return result;
    }
}
