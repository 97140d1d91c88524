using Cohort.Contracts.Access;
using Cohort.Domain.Access;
using Orleans.Concurrency;

namespace Cohort.Grains.Access;

/// <summary>The silo's pseudonymiser (a singleton built from <see cref="PseudonymisationOptions"/>), or none.</summary>
public sealed record SiloPseudonymiser(Pseudonymiser? Pseudonymiser);

[StatelessWorker]
[GrainType("pseudonym")]
public sealed class PseudonymGrain(SiloPseudonymiser silo) : Grain, IPseudonymGrain
{
    public Task<string[]> Map(string[] sourceIds) =>
        Task.FromResult(silo.Pseudonymiser is { } p ? Array.ConvertAll(sourceIds, p.Pseudonym) : sourceIds);

    public Task<PseudonymisationStatus> Status() =>
        Task.FromResult(new PseudonymisationStatus(silo.Pseudonymiser is not null, silo.Pseudonymiser?.KeyFingerprint()));
}
