using Microsoft.Extensions.Logging;

namespace Cohort.Grains.Storage;

/// <summary>
/// A store's driver exceptions as <see cref="Contracts.StateStoreException"/>, naming the store and the driver's error. A driver's own
/// exception cannot cross a grain call to a client that lacks the driver (the CLI has neither SQLite's nor Npgsql's): the client fails
/// to read the answer and crashes instead of reporting the error, and a runner cannot tell that the failure is one to retry. Each
/// store says which of its errors are permanent (<see cref="Contracts.StateStoreException.Permanent"/>). The driver's exception itself
/// (its stack, its inner exceptions) stays in the silo's log, where whoever fixes the store looks: a permanent error as an error, one
/// to retry as a warning.
/// </summary>
internal static class StoreErrors
{
    public static async Task<T> Guard<T, TDriver>(string store, Func<Task<T>> operation, Func<TDriver, string> describe,
        Func<TDriver, bool> permanent, ILogger? log) where TDriver : Exception
    {
        try
        {
            return await operation();
        }
        catch (TDriver e)
        {
            var error = new Contracts.StateStoreException($"{store}: {describe(e)}") { Permanent = permanent(e) };
            log?.Log(error.Permanent ? LogLevel.Error : LogLevel.Warning, e, "{Error} ({Kind})", error.Message,
                error.Permanent ? "permanent: the store needs fixing" : "transient: it may pass");
            throw error;
        }
    }
}
