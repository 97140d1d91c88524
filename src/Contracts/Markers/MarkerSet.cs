namespace Cohort.Contracts.Markers;

/// <summary>A version of the study's markers, as a marker file with each marker's number (<c>id</c>).</summary>
[GenerateSerializer, Immutable]
[Alias("Cohort.Contracts.Markers.MarkerSet")]
public sealed record MarkerSet(
    [property: Id(0)] int Version,
    [property: Id(1)] string StudyJson)
{
    public static MarkerSet None { get; } = new(0, "[]");
}
