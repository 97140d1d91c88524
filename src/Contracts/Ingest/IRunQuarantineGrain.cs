using Cohort.Contracts.Access;
namespace Cohort.Contracts.Ingest;

/// <summary>One run's quarantine (key: run id), kept apart from the run history so the history stays small.</summary>
[Requires(Role.Engineer)]
public interface IRunQuarantineGrain : IGrainWithStringKey
{
    Task Save(IReadOnlyList<QuarantinedRow> rows);

    Task<IReadOnlyList<QuarantinedRow>> Get();
}
