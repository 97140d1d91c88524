using Cohort.Contracts.Ingest;

namespace Cohort.Contracts.Queries;

/// <summary>
/// The published data a query pinned, carried to the shards in Orleans' RequestContext: each shard answers as of that epoch, or
/// refuses with <see cref="SnapshotMovedException"/> when it has moved past it. <see cref="Read{T}"/> pins, runs the fan-out and, when
/// a run was published meanwhile, pins the newer epoch and runs it again.
/// </summary>
public static class PublishedSnapshot
{
    private const string EpochKey = "cohort-epoch", VersionKey = "cohort-epoch-version";
    private const int Attempts = 5;

    public static PublishedData? Pinned() =>
        RequestContext.Get(EpochKey) is long epoch && RequestContext.Get(VersionKey) is string version ? new PublishedData(epoch, version) : null;

    /// <summary>Runs <paramref name="read"/> with the latest published data pinned for every shard call it makes.</summary>
    public static async Task<T> Read<T>(IGrainFactory grains, Func<PublishedData, Task<T>> read)
    {
        // A read inside a pinned read (a query that composes another) keeps the outer pin.
        if (Pinned() is { } outer) return await read(outer);
        var runs = grains.GetGrain<IIngestRunsGrain>(0);
        for (var attempt = 1; ; attempt++)
        {
            var published = await runs.Published();
            Pin(published);
            try
            {
                return await read(published);
            }
            catch (SnapshotMovedException) when (attempt < Attempts)
            {
                // A run was published while this read ran: read again, all of it, as of the newer epoch.
            }
            finally
            {
                Unpin();
            }
        }
    }

    /// <summary>Pins <paramref name="published"/> for the shard calls that follow in this async flow (until <see cref="Unpin"/>).</summary>
    public static void Pin(PublishedData published)
    {
        RequestContext.Set(EpochKey, published.Epoch);
        RequestContext.Set(VersionKey, published.DataVersion);
    }

    public static void Unpin()
    {
        RequestContext.Remove(EpochKey);
        RequestContext.Remove(VersionKey);
    }
}
