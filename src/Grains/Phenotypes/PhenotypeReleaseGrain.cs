using Cohort.Contracts.Phenotypes;
using Orleans.Concurrency;

namespace Cohort.Grains.Phenotypes;

/// <summary>Reads the models grain and releases what it holds through <see cref="PhenotypeRelease"/>; holds no state of its own.</summary>
[StatelessWorker, Reentrant]
[GrainType("phenotyperelease")]
public sealed class PhenotypeReleaseGrain : Grain, IPhenotypeReleaseGrain
{
    private IPhenotypeModelGrain Models => GrainFactory.GetGrain<IPhenotypeModelGrain>(0);

    public async Task<PhenotypesView?> Current() => await Released(await Models.Current());

    public async Task<PhenotypesView?> Version(int version) => await Released(await Models.Version(version));

    public async Task<IReadOnlyList<PhenotypeVersionSummary>> Versions() => (await Models.List())
        .Select(m => new PhenotypeVersionSummary(m.Version, m.FittedAt, m.DataVersion, m.Visit.Code, PhenotypeRelease.MethodName(m), m.K, m.Seed, m.Silhouette, m.FitSeconds))
        .ToArray();

    public async Task<PhenotypeComparisonView> Compare(int versionA, int versionB) => PhenotypeRelease.Comparison(await Models.Compare(versionA, versionB));

    private async Task<PhenotypesView?> Released(PhenotypeModelView? view) =>
        view is null ? null : PhenotypeRelease.Of(view, (await Models.List()).Select(m => m.Version).ToArray());
}
