namespace Cohort.Domain.Statistics;

/// <summary>Cases and participants in one band of a standard population (by band index).</summary>
public readonly record struct BandCount(int BandIndex, long Cases, long Total);

/// <summary>A directly age-standardised proportion, or the reason it cannot be computed.</summary>
public sealed record StandardisedProportion(
    string Standard,
    double? Proportion,
    double? Lower,
    double? Upper,
    string AgeRange,
    IReadOnlyList<string> BandsUsed,
    string? UndefinedReason);

/// <summary>
/// Direct age standardisation: the weighted mean of band-specific proportions with the standard population's weights, restricted to
/// the contiguous range of bands the cohort covers (weights renormalised to that range). An empty band inside the range makes the
/// result undefined rather than silently dropping it. The interval is the normal approximation with variance
/// Σ w²·p(1 − p)/n (Σ w)⁻², bounded to [0, 1].
/// </summary>
public static class DirectStandardisation
{
    public static StandardisedProportion Compute(StandardPopulation standard, IEnumerable<BandCount> counts, double confidence = 0.95)
    {
        var byBand = new Dictionary<int, (long Cases, long Total)>();
        foreach (var c in counts)
        {
            if (c.BandIndex < 0 || c.BandIndex >= standard.Bands.Count)
                throw new ArgumentOutOfRangeException(nameof(counts), c.BandIndex, $"band index outside {standard.Name}");
            if (c.Cases < 0 || c.Cases > c.Total) throw new ArgumentOutOfRangeException(nameof(counts), c.Cases, "cases must lie in 0..total");
            var prev = byBand.GetValueOrDefault(c.BandIndex);
            byBand[c.BandIndex] = (prev.Cases + c.Cases, prev.Total + c.Total);
        }
        var present = byBand.Where(kv => kv.Value.Total > 0).Select(kv => kv.Key).Order().ToArray();
        if (present.Length == 0) return Undefined(standard, "", [], "no participants in any age band");
        int first = present[0], last = present[^1];
        var range = $"{standard.Bands[first].AgeFrom}{(standard.Bands[last].AgeTo is { } to ? $"-{to}" : "+")}";
        var used = Enumerable.Range(first, last - first + 1).Select(i => standard.Bands[i].Label).ToArray();
        var empty = Enumerable.Range(first, last - first + 1).Where(i => !byBand.TryGetValue(i, out var v) || v.Total == 0).ToArray();
        if (empty.Length > 0)
            return Undefined(standard, range, used, $"no participants in age band(s) {string.Join(", ", empty.Select(i => standard.Bands[i].Label))} inside the covered range");

        double sumW = 0, rate = 0, variance = 0;
        for (var i = first; i <= last; i++)
        {
            var w = standard.Bands[i].Weight;
            var (cases, total) = byBand[i];
            var p = (double)cases / total;
            sumW += w;
            rate += w * p;
            variance += w * w * p * (1 - p) / total;
        }
        rate /= sumW;
        var se = Math.Sqrt(variance) / sumW;
        var z = SpecialFunctions.NormalQuantile(1 - (1 - confidence) / 2);
        return new(standard.Name, rate, Math.Max(0, rate - z * se), Math.Min(1, rate + z * se), range, used, null);
    }

    private static StandardisedProportion Undefined(StandardPopulation s, string range, IReadOnlyList<string> used, string reason) =>
        new(s.Name, null, null, null, range, used, reason);
}
