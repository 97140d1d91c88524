namespace Cohort.Contracts.Queries;

/// <summary>Participant-level export is turned off on the server ("Cohort:Export:Enabled"), or the caller may not have it.</summary>
[GenerateSerializer]
[Alias("Cohort.Contracts.Queries.ExportRefusedException")]
public sealed class ExportRefusedException(string message) : Exception(message);
