namespace Cohort.Contracts.Access;

/// <summary>A call was refused: no valid credential, or the account lacks the role; the message says which.</summary>
[GenerateSerializer]
[Alias("Cohort.Contracts.Access.AccessDeniedException")]
public sealed class AccessDeniedException(string message) : Exception(message);
