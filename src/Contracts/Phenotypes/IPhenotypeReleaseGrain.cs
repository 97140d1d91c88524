using Cohort.Contracts.Access;
namespace Cohort.Contracts.Phenotypes;

/// <summary>
/// Phenotype models as released to anyone who may read aggregates (key 0): the dashboard and the CLI read models through it, so an
/// analyst sees the same suppressed numbers on both. Fitting, importing and exporting stay with <see cref="IPhenotypeModelGrain"/>.
/// </summary>
[Requires(Role.Analyst)]
[Alias("Cohort.Contracts.Phenotypes.IPhenotypeReleaseGrain")]
public interface IPhenotypeReleaseGrain : IGrainWithIntegerKey
{
    /// <summary>The newest model as released (null before the first fit).</summary>
    [Alias("Current")]
    Task<PhenotypesView?> Current();

    /// <summary>A stored version as released (null when it does not exist).</summary>
    [Alias("Version")]
    Task<PhenotypesView?> Version(int version);

    /// <summary>Every version, oldest first, without counts.</summary>
    [Alias("Versions")]
    Task<IReadOnlyList<PhenotypeVersionSummary>> Versions();

    /// <summary>ARI between two versions' assignments with the contingency table suppressed. Throws ArgumentException for a missing version.</summary>
    [Alias("Compare")]
    Task<PhenotypeComparisonView> Compare(int versionA, int versionB);
}
