using Cohort.Ingest.Ingestion;

namespace Cohort.Ingest.Tests;

/// <summary>
/// The table of what was last found for an object: found again only for the same object and the same number beside it, never for
/// another object of equal text, and an entry pushed out by another of its slot is a miss, not the other's value.
/// </summary>
public sealed class RecentByIdentityTests
{
    [Fact]
    public void An_entry_is_found_by_the_same_object_and_number_only()
    {
        var table = new RecentByIdentity<string, int>(8);
        var unit = new string("mmol/L".AsSpan());
        var sameText = new string("mmol/L".AsSpan());
        table.Set(unit, 3, 42);

        Assert.True(table.TryGet(unit, 3, out var found));
        Assert.Equal(42, found);
        Assert.False(table.TryGet(unit, 4, out _));
        Assert.False(table.TryGet(sameText, 3, out _));
    }

    [Fact]
    public void Every_hit_among_many_objects_in_few_slots_is_the_value_set_for_that_object()
    {
        var table = new RecentByIdentity<object, int>(4);
        var keys = Enumerable.Range(0, 200).Select(_ => new object()).ToArray();
        var hits = 0;
        for (var round = 0; round < 3; round++)
            for (var k = 0; k < keys.Length; k++)
            {
                if (table.TryGet(keys[k], k % 3, out var value))
                {
                    Assert.Equal(k, value);
                    hits++;
                }
                else table.Set(keys[k], k % 3, k);
            }
        Assert.True(hits < keys.Length * 3);
        Assert.Throws<ArgumentOutOfRangeException>(() => new RecentByIdentity<object, int>(6));
    }
}
