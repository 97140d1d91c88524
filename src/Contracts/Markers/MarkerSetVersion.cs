namespace Cohort.Contracts.Markers;

/// <summary>One stored version of the study's markers: when and by whom it was declared, what changed, and the markers themselves.</summary>
[GenerateSerializer, Immutable]
[Alias("Cohort.Contracts.Markers.MarkerSetVersion")]
public sealed record MarkerSetVersion(
    [property: Id(0)] int Version,
    [property: Id(1)] DateTime At,
    [property: Id(2)] string Actor,
    [property: Id(3)] string Source,
    [property: Id(4)] IReadOnlyList<string> Changes,
    [property: Id(5)] string StudyJson);
