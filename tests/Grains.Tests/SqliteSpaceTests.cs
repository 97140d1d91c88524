using Cohort.Grains.Storage;

namespace Cohort.Grains.Tests;

/// <summary>How a store's cap is shared between its SQLite file and its WAL (<see cref="SqliteSpace"/>).</summary>
public sealed class SqliteSpaceTests
{
    [Fact]
    public void Without_a_cap_the_file_is_unbounded_and_the_WAL_keeps_the_bounds_of_a_large_ingest()
    {
        var space = SqliteSpace.For(null);
        Assert.Null(space.FileBytes);
        Assert.Equal((1L << 30, 512L << 20, 64L << 20), (space.WalBound, space.CheckpointVolume, space.WalKept));
    }

    [Theory]
    [InlineData(16L << 20, 14L << 20, 2L << 20, 1L << 20, 2L << 20)]
    [InlineData(1L << 30, 896L << 20, 128L << 20, 64L << 20, 64L << 20)]
    [InlineData(64L << 30, 63L << 30, 1L << 30, 512L << 20, 64L << 20)]
    public void A_cap_gives_the_WAL_an_eighth_of_it_at_most_the_uncapped_bound_and_the_file_the_rest(long cap, long file, long wal, long volume, long kept)
    {
        var space = SqliteSpace.For(cap);
        Assert.Equal((file, wal, volume, kept), (space.FileBytes!.Value, space.WalBound, space.CheckpointVolume, space.WalKept));
        Assert.Equal(cap, space.FileBytes.Value + space.WalBound);
    }

    [Fact]
    public void A_cap_that_is_not_positive_is_refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => SqliteSpace.For(0));
}
