using Cohort.Ingest.Ingestion;

namespace Cohort.Ingest.Tests;

/// <summary>
/// The pool of a text column's values: one string per distinct text, found by the text, or by the character array Parquet.Net
/// decoded it into (a dictionary-encoded column gives every row of a value the same array).
/// </summary>
public class StringPoolTests
{
    [Fact]
    public void Arrays_with_the_same_text_give_one_string_and_an_array_seen_before_gives_it_again()
    {
        var pool = new StringPool();
        char[] first = ['g', 'l', 'u'], second = ['g', 'l', 'u'], other = ['h', 'd', 'l'];
        var s = pool.Get(first.AsMemory());
        Assert.Equal("glu", s);
        Assert.Same(s, pool.Get(second.AsMemory()));
        Assert.Same(s, pool.Get(first.AsMemory()));
        Assert.Equal("hdl", pool.Get(other.AsMemory()));
        Assert.Same(s, pool.Get("glu".AsSpan()));
    }

    [Fact]
    public void Part_of_an_array_is_looked_up_by_its_text_only()
    {
        var pool = new StringPool();
        var buffer = "glucosehdl".ToCharArray();
        Assert.Equal("glucose", pool.Get(buffer.AsMemory(0, 7)));
        Assert.Equal("hdl", pool.Get(buffer.AsMemory(7, 3)));
        Assert.Equal("glucose", pool.Get(buffer.AsMemory(0, 7)));
    }

    [Fact]
    public void Past_its_capacity_of_arrays_the_pool_still_gives_each_array_its_own_text()
    {
        var pool = new StringPool();
        var arrays = Enumerable.Range(0, StringPool.Capacity * 2 + 10).Select(i => $"v{i % 50}".ToCharArray()).ToArray();
        for (var round = 0; round < 2; round++)
            for (var i = 0; i < arrays.Length; i++)
                Assert.Equal($"v{i % 50}", pool.Get(arrays[i].AsMemory()));
    }
}
