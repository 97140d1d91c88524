using Cohort.Contracts;

namespace Cohort.Dashboard.Tests;

/// <summary>
/// Which failures a read tries again for its ten seconds: a store error that may pass (busy, a connection lost) is, one that needs the
/// store fixed (a damaged or full file) is not, and answers 500 at once instead of 503 after ten seconds of the same error.
/// </summary>
public sealed class TransientRetryTests
{
    [Fact]
    public void A_store_error_is_retried_only_when_it_may_pass()
    {
        Assert.True(TransientRetry.IsTransient(new StateStoreException("SQLite cohort.db: database is locked") { Transient = true }));
        Assert.False(TransientRetry.IsTransient(new StateStoreException("SQLite cohort.db: file is not a database")));
        Assert.False(TransientRetry.IsTransient(new AggregateException(new StateStoreException("SQLite cohort.db: database or disk is full"))));
        Assert.True(TransientRetry.IsTransient(new AggregateException(new StateStoreException("a") { Transient = true }, new ArgumentException("b"))));
    }

    [Fact]
    public void A_silo_going_away_is_retried_and_a_bad_request_is_not()
    {
        Assert.True(TransientRetry.IsTransient(new SiloUnavailableException()));
        Assert.True(TransientRetry.IsTransient(new TimeoutException()));
        Assert.False(TransientRetry.IsTransient(new ArgumentException("unknown marker")));
    }
}
