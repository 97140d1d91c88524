using Cohort.Contracts.Access;
using Orleans.Concurrency;

namespace Cohort.Grains.Access;

[StatelessWorker]
[GrainType("pseudonym")]
public sealed class PseudonymGrain(SiloPseudonymiser silo) : Grain, IPseudonymGrain
{
    public Task<string[]> Map(string[] sourceIds) =>
        Task.FromResult(silo.Pseudonymiser is { } p ? Array.ConvertAll(sourceIds, p.Pseudonym) : sourceIds);

    public Task<PseudonymisationStatus> Status() =>
        Task.FromResult(new PseudonymisationStatus(silo.Pseudonymiser is not null, silo.Pseudonymiser?.KeyFingerprint()));
}
