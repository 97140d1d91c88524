using Cohort.Contracts.Access;
namespace Cohort.Contracts.Ingest;

/// <summary>One run's quarantine (key: run id), kept apart from the run history so the history stays small.</summary>
[Requires(Role.Engineer)]
[Alias("Cohort.Contracts.Ingest.IRunQuarantineGrain")]
public interface IRunQuarantineGrain : IGrainWithStringKey
{
    [Alias("Save")]
    Task Save(IReadOnlyList<QuarantinedRow> rows);

    [Alias("Get")]
    Task<IReadOnlyList<QuarantinedRow>> Get();

    /// <summary>Removes the quarantine from the store (its run has left the run history).</summary>
    [Alias("Clear")]
    Task Clear();
}
