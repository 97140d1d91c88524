namespace Cohort.Grains.Storage;

/// <summary>
/// A durable key-value store of grain states. <see cref="ApplyAsync"/> applies many writes in one transaction and returns, per write,
/// whether its version check passed; it returns only once the transaction is durable.
/// </summary>
public interface IStateStore : IAsyncDisposable
{
    string Description { get; }

    Task InitializeAsync(CancellationToken ct);

    Task<StoredState?> ReadAsync(string type, string key, CancellationToken ct);

    Task<bool[]> ApplyAsync(IReadOnlyList<StateWrite> writes, CancellationToken ct);

    Task<long> CountAsync(string type, CancellationToken ct);
}
