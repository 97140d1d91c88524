namespace Cohort.Domain.Markers;

/// <summary>A marker file or definition that cannot be accepted; the message names the source, the entry and every problem.</summary>
public sealed class MarkerDefinitionException(string message) : Exception(message);
