namespace Cohort.Contracts.Ingest;

/// <summary>
/// A run cannot write or commit: it was abandoned (its silo restarted, or its runner went silent), it never opened, or a shard lost
/// what the run had staged in it.
/// </summary>
[GenerateSerializer]
[Alias("Cohort.Contracts.Ingest.RunNotOpenException")]
public sealed class RunNotOpenException(string message) : Exception(message);
