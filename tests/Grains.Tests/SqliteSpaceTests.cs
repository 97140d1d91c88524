using Cohort.Grains.Storage;

namespace Cohort.Grains.Tests;

/// <summary>How a store's cap is shared between its SQLite file and its WAL (<see cref="SqliteSpace"/>).</summary>
public sealed class SqliteSpaceTests
{
    private const long Page = 16L << 10;

    [Fact]
    public void Without_a_cap_the_file_is_unbounded_and_the_WAL_keeps_the_bounds_of_a_large_ingest()
    {
        var space = SqliteSpace.For(null, Page);
        Assert.Null(space.FileBytes);
        Assert.Equal((1L << 30, 512L << 20, 64L << 20), (space.WalBound, space.CheckpointVolume, space.WalKept));
    }

    /// <summary>
    /// The WAL's share is an eighth of the cap (at most 1 GB), its index what that many frames of 16,408 bytes (a 16 KB page and its
    /// header) need at 32 KB a block (the first indexes 4,062 frames, the rest 4,096 each), and the file the rest: 2 MB of WAL is 127
    /// frames (one block); 128 MB is 8,180 (three: 4,062 + 4,096 fall 22 short); 1 GB is 65,440 (16: 4,062 + 15 × 4,096 = 65,502).
    /// </summary>
    [Theory]
    [InlineData(16L << 20, (14L << 20) - (32L << 10), 2L << 20, 1L << 20, 2L << 20, 32L << 10)]
    [InlineData(1L << 30, (896L << 20) - (96L << 10), 128L << 20, 64L << 20, 64L << 20, 96L << 10)]
    [InlineData(64L << 30, (63L << 30) - (512L << 10), 1L << 30, 512L << 20, 64L << 20, 512L << 10)]
    public void A_cap_gives_the_WAL_an_eighth_of_it_at_most_the_uncapped_bound_its_index_what_that_needs_and_the_file_the_rest(
        long cap, long file, long wal, long volume, long kept, long index)
    {
        var space = SqliteSpace.For(cap, Page);
        Assert.Equal((file, wal, volume, kept), (space.FileBytes!.Value, space.WalBound, space.CheckpointVolume, space.WalKept));
        Assert.Equal(index, SqliteSpace.IndexBytes(wal, Page));
        Assert.Equal(cap, space.FileBytes.Value + space.WalBound + index);
    }

    [Fact]
    public void A_cap_that_is_not_positive_is_refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => SqliteSpace.For(0, Page));
}
