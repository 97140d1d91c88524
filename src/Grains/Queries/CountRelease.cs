using Cohort.Domain.Disclosure;

namespace Cohort.Grains.Queries;

/// <summary>
/// How one query's counts leave the silo: a count below the suppression threshold is withheld, the rest pass through the disclosure
/// control (exact for an epidemiologist, perturbed with the counted people's cell keys otherwise).
/// </summary>
internal sealed record CountRelease(int Threshold, DisclosureControl Disclosure)
{
    public bool IsSmall(long count) => SmallCellSuppression.IsSmall(count, Threshold);

    /// <summary>The count as it stands, or null when small (for counts released exactly, and to test whether a count may be shown).</summary>
    public long? Shown(long count) => IsSmall(count) ? null : count;

    /// <summary>A count as released: null when small, else perturbed with the key of the people it counts (summed over shards).</summary>
    public long? Count(long count, IEnumerable<uint> keys) =>
        IsSmall(count) ? null : Disclosure.Count(count, keys.Aggregate(CellKey.Empty, (k, x) => k.Add(x)));

    /// <summary>
    /// Counts that add up to a total, with small ones and their complements left out (a missing code is suppressed); the rest released
    /// through the disclosure control with their cells' keys.
    /// </summary>
    public IReadOnlyDictionary<string, long> Line(IEnumerable<(string Code, long Count, uint Key)> counts)
    {
        var all = counts.ToArray();
        var hidden = SmallCellSuppression.Line(all.Select(c => c.Count).ToArray(), Threshold);
        return all.Where((_, i) => !hidden[i]).ToDictionary(c => c.Code, c => Disclosure.Count(c.Count, new CellKey(c.Key)));
    }
}
