namespace Cohort.Contracts.Ingest;

public interface ICohortSettingsGrain : IGrainWithIntegerKey
{
    Task<CohortSettings> Get();
}
