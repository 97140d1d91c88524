namespace Cohort.Contracts;

/// <summary>
/// The durable store failed (a database error, unreachable server); the message names the store and the error. Thrown in place of
/// driver exceptions, which cannot cross grain calls.
/// </summary>
[GenerateSerializer]
[Alias("Cohort.Contracts.StateStoreException")]
public sealed class StateStoreException(string message) : Exception(message);
