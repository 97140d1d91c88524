using Cohort.Domain.Audit;

namespace Cohort.Domain.Tests;

/// <summary>The audit log's hash chain: intact chains verify; any change, removal or reordering is found at the entry where it happened.</summary>
public sealed class AuditChainTests
{
    private static List<AuditEntry> Chain(int n)
    {
        var entries = new List<AuditEntry>();
        var at = new DateTimeOffset(2026, 11, 25, 8, 0, 0, TimeSpan.Zero);
        for (var i = 0; i < n; i++)
            entries.Add(AuditChain.Append(entries.LastOrDefault(), at.AddMinutes(i), $"user{i % 3}", i % 2 == 0 ? "ingest.run" : "participant.view",
                $"P{i:D7}", "127.0.0.1", $"detail {i}"));
        return entries;
    }

    [Fact]
    public void An_untouched_chain_verifies_and_links_each_entry_to_the_last()
    {
        var chain = Chain(50);
        var v = AuditChain.Verify(chain);
        Assert.True(v.Intact);
        Assert.Equal(50, v.Entries);
        Assert.Equal(AuditChain.Genesis, chain[0].PreviousHash);
        for (var i = 1; i < chain.Count; i++) Assert.Equal(chain[i - 1].Hash, chain[i].PreviousHash);
        Assert.Equal(chain.Count, chain.Select(e => e.Hash).Distinct().Count());
    }

    [Fact]
    public void A_chain_verified_in_parts_gives_what_the_whole_gives()
    {
        // Law: splitting the chain anywhere and checking the parts in order, each from the last hash before it, agrees with checking the
        // whole, intact or broken.
        var chain = Chain(60);
        foreach (var broken in new int?[] { null, 5, 29, 30, 59 })
        {
            var entries = chain.ToList();
            if (broken is { } b) entries[b] = entries[b] with { Detail = "edited" };
            var whole = AuditChain.Verify(entries);
            foreach (var cut in new[] { 1, 30, 59 })
            {
                var first = AuditChain.Verify(entries.Take(cut).ToList());
                var second = first.Intact ? AuditChain.Verify(entries.Skip(cut).ToList(), cut + 1, entries[cut - 1].Hash) : first;
                Assert.Equal(whole.Intact, second.Intact);
                Assert.Equal(whole.BrokenAt, second.BrokenAt);
            }
        }
        // A part that does not start where the one before it ended is found at its first entry.
        var gap = AuditChain.Verify(chain.Skip(31).ToList(), 31, chain[29].Hash);
        Assert.False(gap.Intact);
        Assert.Equal(32, gap.BrokenAt);
        Assert.Contains("removed or reordered", gap.Reason);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(17)]
    [InlineData(49)]
    public void A_changed_field_is_found_at_that_entry(int index)
    {
        var chain = Chain(50);
        chain[index] = chain[index] with { Actor = "someone else" };
        var v = AuditChain.Verify(chain);
        Assert.False(v.Intact);
        Assert.Equal(index + 1, v.BrokenAt);
        Assert.Contains("changed", v.Reason);
    }

    [Fact]
    public void A_changed_entry_with_a_recomputed_hash_breaks_the_next_link()
    {
        var chain = Chain(10);
        var forged = chain[4] with { Detail = "nothing happened" };
        chain[4] = forged with { Hash = AuditChain.HashOf(forged) };
        var v = AuditChain.Verify(chain);
        Assert.Equal(6, v.BrokenAt);
        Assert.Contains("does not link", v.Reason);
    }

    [Fact]
    public void A_removed_or_reordered_entry_is_found()
    {
        var removed = Chain(10);
        removed.RemoveAt(3);
        Assert.Equal(5, AuditChain.Verify(removed).BrokenAt);
        var reordered = Chain(10);
        (reordered[2], reordered[3]) = (reordered[3], reordered[2]);
        Assert.Equal(4, AuditChain.Verify(reordered).BrokenAt);
    }

    [Fact]
    public void Fields_cannot_be_shifted_between_neighbours_without_changing_the_hash()
    {
        var a = AuditChain.Append(null, DateTimeOffset.UnixEpoch, "ab", "c", "t", "f", "d");
        var b = AuditChain.Append(null, DateTimeOffset.UnixEpoch, "a", "bc", "t", "f", "d");
        Assert.NotEqual(a.Hash, b.Hash);
    }
}
