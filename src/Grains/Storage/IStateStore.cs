namespace Cohort.Grains.Storage;

/// <summary>One stored grain state: its serialized bytes and version (the ETag).</summary>
public readonly record struct StoredState(byte[] Data, long Version);

/// <summary>
/// A write (or, with null data, a delete) conditional on the stored version: null <see cref="ExpectedVersion"/> means the row must
/// not exist yet.
/// </summary>
public sealed record StateWrite(string Type, string Key, long? ExpectedVersion, long NewVersion, byte[]? Data);

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
