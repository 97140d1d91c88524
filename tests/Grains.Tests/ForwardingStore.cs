using Cohort.Grains.Storage;

namespace Cohort.Grains.Tests;

/// <summary>A store that hands every call to another: a test's store overrides the calls it watches or changes.</summary>
internal abstract class ForwardingStore(IStateStore inner) : IStateStore
{
    public string Description => inner.Description;
    public virtual Task InitializeAsync(CancellationToken ct) => inner.InitializeAsync(ct);
    public Task<StoredState?> ReadAsync(string type, string key, CancellationToken ct) => inner.ReadAsync(type, key, ct);
    public Task<Dictionary<string, StoredState>> ReadManyAsync(string type, IReadOnlyCollection<string> keys, CancellationToken ct) => inner.ReadManyAsync(type, keys, ct);
    public Task<List<string>> KeysWithPrefixAsync(string type, string prefix, CancellationToken ct) => inner.KeysWithPrefixAsync(type, prefix, ct);
    public Task<long> CountPrefixAsync(string type, string prefix, CancellationToken ct) => inner.CountPrefixAsync(type, prefix, ct);
    public Task<long> CountAsync(string type, CancellationToken ct) => inner.CountAsync(type, ct);
    public virtual Task<bool[]> ApplyAsync(IReadOnlyList<StateWrite> writes, CancellationToken ct) => inner.ApplyAsync(writes, ct);
    public ValueTask DisposeAsync() => inner.DisposeAsync();
}
