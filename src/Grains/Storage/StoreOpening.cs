using Microsoft.Extensions.Logging;

namespace Cohort.Grains.Storage;

/// <summary>
/// Opens the store while the silo starts, before it takes calls: a schema migration (a store created by an earlier build) runs then,
/// with the silo not yet healthy, rather than inside the first grain call, which it would hold up for as long as it takes (minutes
/// for a large store). A store that cannot be opened yet does not stop the start: the failure is logged, and the first call that
/// needs the store tries again (<see cref="GroupCommitGrainStorage.EnsureInitializedAsync"/>).
/// </summary>
internal sealed class StoreOpening(GroupCommitGrainStorage storage, ILogger<StoreOpening> logger) : ILifecycleParticipant<ISiloLifecycle>
{
    public void Participate(ISiloLifecycle lifecycle) => lifecycle.Subscribe(nameof(StoreOpening), ServiceLifecycleStage.RuntimeStorageServices, OpenAsync);

    private async Task OpenAsync(CancellationToken ct)
    {
        try
        {
            await storage.EnsureInitializedAsync().WaitAsync(ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "The store ({Store}) could not be opened while the silo started; the first call that needs it tries again", storage.Store.Description);
        }
    }
}
