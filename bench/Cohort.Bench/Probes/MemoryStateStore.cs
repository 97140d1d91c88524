using System.Collections.Concurrent;
using Cohort.Grains.Storage;

namespace Cohort.Bench.Probes;

/// <summary>A probe, not a product store: grain states in a dictionary, to measure ingest without the cost of durability.</summary>
internal sealed class MemoryStateStore : IStateStore
{
    private readonly ConcurrentDictionary<(string, string), StoredState> _rows = new();

    public string Description => "memory (probe)";

    public Task InitializeAsync(CancellationToken ct) => Task.CompletedTask;

    public Task<StoredState?> ReadAsync(string type, string key, CancellationToken ct) =>
        Task.FromResult(_rows.TryGetValue((type, key), out var s) ? s : (StoredState?)null);

    public Task<bool[]> ApplyAsync(IReadOnlyList<StateWrite> writes, CancellationToken ct)
    {
        var applied = new bool[writes.Count];
        for (var i = 0; i < writes.Count; i++)
        {
            var w = writes[i];
            if (w.Data is null) { _rows.TryRemove((w.Type, w.Key), out _); applied[i] = true; }
            else { _rows[(w.Type, w.Key)] = new StoredState(w.Data.Value.ToArray(), w.NewVersion); applied[i] = true; }
        }
        return Task.FromResult(applied);
    }

    public Task<List<string>> KeysWithPrefixAsync(string type, string prefix, CancellationToken ct) =>
        Task.FromResult(_rows.Keys.Where(k => k.Item1 == type && k.Item2.StartsWith(prefix, StringComparison.Ordinal))
            .Select(k => k.Item2).Order(StringComparer.Ordinal).ToList());

    public Task<long> CountPrefixAsync(string type, string prefix, CancellationToken ct) =>
        Task.FromResult((long)_rows.Keys.Count(k => k.Item1 == type && k.Item2.StartsWith(prefix, StringComparison.Ordinal)));

    public Task<long> CountAsync(string type, CancellationToken ct) => Task.FromResult((long)_rows.Keys.Count(k => k.Item1 == type));

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
