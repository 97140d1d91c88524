namespace Cohort.Contracts.Markers;

/// <summary>The outcome of a declaration: the version now current and one line per change (none when the file changed nothing).</summary>
[GenerateSerializer, Immutable]
[Alias("Cohort.Contracts.Markers.MarkerDeclaration")]
public sealed record MarkerDeclaration(
    [property: Id(0)] int Version,
    [property: Id(1)] IReadOnlyList<string> Changes);
