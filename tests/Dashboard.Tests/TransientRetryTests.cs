using Cohort.Contracts;

namespace Cohort.Dashboard.Tests;

/// <summary>
/// Which failures a read tries again for its ten seconds: a store error that may pass (busy, a connection lost) is, one that needs the
/// store fixed (a damaged or full file) is not, and answers 500 at once instead of 503 after ten seconds of the same error, whether
/// it comes from a grain's own store calls or wrapped by Orleans from a grain's persistent state.
/// </summary>
public sealed class TransientRetryTests
{
    [Fact]
    public void A_store_error_is_retried_only_when_it_may_pass()
    {
        Assert.True(TransientRetry.IsTransient(new StateStoreException("SQLite cohort.db: database is locked")));
        Assert.False(TransientRetry.IsTransient(new StateStoreException("SQLite cohort.db: file is not a database") { Permanent = true }));
        Assert.False(TransientRetry.IsTransient(new AggregateException(new StateStoreException("SQLite cohort.db: database or disk is full") { Permanent = true })));
        Assert.True(TransientRetry.IsTransient(new AggregateException(new StateStoreException("a"), new ArgumentException("b"))));
        // As Orleans wraps a store error that a grain's persistent state met.
        Assert.False(TransientRetry.IsTransient(new OrleansException("Error from storage provider", new StateStoreException("full") { Permanent = true })));
        Assert.True(TransientRetry.IsTransient(new OrleansException("Error from storage provider", new StateStoreException("locked"))));
    }

    [Fact]
    public void A_silo_going_away_is_retried_and_a_bad_request_is_not()
    {
        Assert.True(TransientRetry.IsTransient(new SiloUnavailableException()));
        Assert.True(TransientRetry.IsTransient(new TimeoutException()));
        Assert.False(TransientRetry.IsTransient(new ArgumentException("unknown marker")));
    }
}
