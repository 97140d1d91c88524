namespace Cohort.Contracts.Ingest;

[Alias("Cohort.Contracts.Ingest.ICohortSettingsGrain")]
public interface ICohortSettingsGrain : IGrainWithIntegerKey
{
    [Alias("Get")]
    Task<CohortSettings> Get();
}
