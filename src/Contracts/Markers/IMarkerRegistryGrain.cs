using Cohort.Contracts.Access;

namespace Cohort.Contracts.Markers;

/// <summary>
/// The study's own markers (one grain, key 0), durable and versioned: every declaration that changes something is a new version,
/// kept with who made it and what changed, and audited. Cohort's own markers are a data file in the product, not stored here.
/// </summary>
[Alias("Cohort.Contracts.Markers.IMarkerRegistryGrain")]
public interface IMarkerRegistryGrain : IGrainWithIntegerKey
{
    /// <summary>The current study markers (version 0 and no markers before the first declaration). Every signed-in role may read them.</summary>
    [Requires(Role.Analyst)]
    [Orleans.Concurrency.AlwaysInterleave]
    [Alias("Current")]
    Task<MarkerSet> Current();

    /// <summary>
    /// Declares markers from a marker file (a JSON array in the shape of Cohort's own <c>markers.json</c>); <paramref name="source"/>
    /// names the file in messages. New codes are added, declared codes replaced; a change to the unit, factors or limits of a marker that
    /// has observations is refused. Throws <see cref="MarkerDeclarationException"/> naming every problem; nothing is stored then.
    /// </summary>
    [Requires(Role.Engineer)]
    [Alias("Declare")]
    Task<MarkerDeclaration> Declare(string json, string source);

    /// <summary>Every version, oldest first: when, by whom, what changed.</summary>
    [Requires(Role.Engineer)]
    [Alias("History")]
    Task<IReadOnlyList<MarkerSetVersion>> History();
}
