using Cohort.Ingest.Ingestion;

namespace Cohort.Ingest.Tests;

public sealed class ReadBuffersTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(17)]
    [InlineData(1000)]
    [InlineData(131_072)]
    [InlineData(753_942)]
    [InlineData(1_048_577)]
    public void An_array_is_made_at_most_an_eighth_longer_than_asked(int length)
    {
        var made = ReadBuffers.Rounded(length);
        Assert.InRange(made, length, Math.Max(16, length + length / 8 + 1));
    }

    [Fact]
    public void Row_groups_a_few_rows_apart_share_one_array_length() =>
        Assert.Single(new[] { 753_942, 755_000, 756_570 }.Select(ReadBuffers.Rounded).Distinct());

    [Fact]
    public void A_rental_takes_the_shortest_array_given_back_that_is_long_enough_and_a_cleared_one_comes_back_empty()
    {
        var pool = ReadBuffers.Of<string?>(new ReadBuffers());
        var (small, large) = (pool.Rent(1_000), pool.Rent(100_000));
        small[0] = large[0] = "x";
        pool.Return(large, clearArray: true);
        pool.Return(small, clearArray: true);
        Assert.Same(small, pool.Rent(500));
        var again = pool.Rent(50_000);
        Assert.Same(large, again);
        Assert.All(again, Assert.Null);
        // Nothing long enough left: a new one.
        Assert.NotSame(large, pool.Rent(50_000));
    }
}
