namespace Cohort.Contracts.Queries;

[GenerateSerializer, Immutable]
[Alias("Cohort.Contracts.Queries.CutoffSensitivity")]
public sealed record CutoffSensitivity(
    [property: Id(0)] string Visit,
    [property: Id(1)] IReadOnlyList<CutoffPrevalence> Registry,
    [property: Id(2)] IReadOnlyList<LocalCutoffView> Local,
    [property: Id(3)] IReadOnlyList<string> ReferenceCriteria,
    [property: Id(4)] string LocalMethod,
    [property: Id(5)] PrevalenceResult PhasesUnderChosenCutoff,
    [property: Id(6)] IReadOnlyList<CaveatView> Caveats,
    [property: Id(7)] Provenance Provenance)
{
    /// <summary>"exact" (epidemiologists) or how the registry counts were perturbed (the cell key method, for anonymous and analyst views).</summary>
    [Id(8)] public string Disclosure { get; init; } = "exact";
}
