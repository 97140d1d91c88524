
namespace Cohort.Domain.Statistics;

/// <summary>
/// Direct age standardisation: the weighted mean of band-specific proportions with the standard population's weights, restricted to
/// the ages the cohort covers (<see cref="RestrictedStandard"/>). An empty band inside the range makes the result undefined rather than
/// silently dropping it. The interval is the gamma interval of Fay &amp; Feuer (1997) (or Tiwari et al. 2006), as SEER and NCHS
/// publish age-adjusted rates, bounded by 1: with no cases it still has a proper upper limit.
/// </summary>
public static class DirectStandardisation
{
    public static StandardisedProportion Compute(StandardPopulation standard, IEnumerable<AgeCount> byAge, (int From, int To)? range = null,
        StandardisedIntervalMethod method = StandardisedIntervalMethod.FayFeuer, double confidence = 0.95)
    {
        var ages = byAge.Where(a => a.Total > 0).ToArray();
        foreach (var a in ages)
            if (a.Cases < 0 || a.Cases > a.Total) throw new ArgumentOutOfRangeException(nameof(byAge), a.Cases, "cases must lie in 0..total");
        if (ages.Length == 0) return Undefined(standard, "", [], "no participants of known age");
        var (from, to) = range ?? (ages.Min(a => a.Age), ages.Max(a => a.Age));
        var restricted = RestrictedStandard.Of(standard, from, to);
        var bands = new Dictionary<int, (long Cases, long Total)>();
        foreach (var a in ages.Where(a => a.Age >= from && a.Age <= to))
        {
            var b = standard.BandIndex(a.Age);
            var prev = bands.GetValueOrDefault(b);
            bands[b] = (prev.Cases + a.Cases, prev.Total + a.Total);
        }
        var used = restricted.Shares.Keys.Order().ToArray();
        var labels = used.Select(i => standard.Bands[i].Label).ToArray();
        var empty = used.Where(i => !bands.ContainsKey(i)).ToArray();
        if (empty.Length > 0)
            return Undefined(standard, restricted.Description, labels, $"no participants in age band(s) {string.Join(", ", empty.Select(i => standard.Bands[i].Label))} inside the covered range");
        var rate = StandardisedRate.Compute(used.Select(i => new StandardisedBand(restricted.Shares[i], bands[i].Cases, bands[i].Total)).ToArray(), method, confidence);
        return new(standard.Name, rate.Rate, rate.Lower, Math.Min(1, rate.Upper), restricted.Description, labels, null);
    }

    private static StandardisedProportion Undefined(StandardPopulation s, string range, IReadOnlyList<string> used, string reason) =>
        new(s.Name, null, null, null, range, used, reason);
}
