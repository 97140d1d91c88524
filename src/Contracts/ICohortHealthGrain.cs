namespace Cohort.Contracts;

/// <summary>Health probes answered by any silo (a stateless worker on the silo that receives the call).</summary>
[Alias("Cohort.Contracts.ICohortHealthGrain")]
public interface ICohortHealthGrain : IGrainWithIntegerKey
{
    [Alias("Storage")]
    Task<StorageHealth> Storage();
}
