using System.Diagnostics;
using Cohort.Contracts;
using Cohort.Grains.Storage;
using Orleans.Concurrency;

namespace Cohort.Grains.Hosting;

/// <summary>Probes the grain-state store with a cheap read (a count over a type that holds no rows).</summary>
[StatelessWorker]
[GrainType("cohorthealth")]
public sealed class CohortHealthGrain(IStateStore store, ILocalSiloDetails silo) : Grain, ICohortHealthGrain
{
    public async Task<StorageHealth> Storage()
    {
        var clock = Stopwatch.StartNew();
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await store.CountAsync("health/probe", timeout.Token);
            return new StorageHealth(store.Description, true, Math.Round(clock.Elapsed.TotalMilliseconds, 2), null, silo.SiloAddress.ToString());
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return new StorageHealth(store.Description, false, Math.Round(clock.Elapsed.TotalMilliseconds, 2), e.Message, silo.SiloAddress.ToString());
        }
    }
}
