namespace Cohort.Contracts.Ingest;

/// <summary>A refused schedule or ingest request; the message names the field and what is wrong.</summary>
[GenerateSerializer]
[Alias("Cohort.Contracts.Ingest.ScheduleException")]
public sealed class ScheduleException(string message) : Exception(message);
