namespace Cohort.Contracts;

/// <summary>
/// The durable store failed (a database error, unreachable server); the message names the store and the error. Thrown in place of
/// driver exceptions, which cannot cross grain calls. <see cref="Permanent"/> says that the store needs someone to fix it (a damaged or
/// read-only file, a full disk) rather than that trying again may succeed (the database busy or locked, a connection lost); an error
/// not known to be permanent (the default, and what a silo of an earlier version sends) is tried again.
/// </summary>
[GenerateSerializer]
[Alias("Cohort.Contracts.StateStoreException")]
public sealed class StateStoreException(string message) : Exception(message)
{
    [Id(0)] public bool Permanent { get; init; }

    /// <summary>
    /// The store error <paramref name="e"/> is, or carries as Orleans wraps one that a grain's persistent state met
    /// (an <see cref="Orleans.Runtime.OrleansException"/> around it); null for any other failure.
    /// </summary>
    public static StateStoreException? Behind(Exception e) => e switch
    {
        StateStoreException s => s,
        Orleans.Runtime.OrleansException { InnerException: StateStoreException s } => s,
        _ => null,
    };
}
