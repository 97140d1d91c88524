namespace Cohort.Contracts.Markers;

/// <summary>A refused marker file; the message names the file, each entry and every problem with it.</summary>
[GenerateSerializer]
[Alias("Cohort.Contracts.Markers.MarkerDeclarationException")]
public sealed class MarkerDeclarationException(string message) : Exception(message);
