namespace Cohort.Contracts.Ingest;

/// <summary>A run tried to write or commit after it was abandoned (its silo restarted, or its runner went silent) or without opening.</summary>
[GenerateSerializer]
[Alias("Cohort.Contracts.Ingest.RunNotOpenException")]
public sealed class RunNotOpenException(string message) : Exception(message);
