namespace Cohort.Contracts;

/// <summary>Health probes answered by any silo (a stateless worker on the silo that receives the call).</summary>
public interface ICohortHealthGrain : IGrainWithIntegerKey
{
    Task<StorageHealth> Storage();
}
