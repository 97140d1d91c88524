using System.Globalization;

namespace Cohort.Domain.Statistics;

/// <summary>
/// A standard population restricted to the ages a cohort covers: each band's share of the standard times the fraction of its single
/// years inside the range (a band the cohort covers only in part, such as US 2000's 15–19 in a cohort from age 18, keeps 2/5 of its
/// weight, assuming the standard is spread evenly inside the band), renormalised over the bands kept. <see cref="Description"/> says so.
/// </summary>
public sealed record RestrictedStandard(StandardPopulation Standard, int From, int To, IReadOnlyDictionary<int, double> Shares, string Description)
{
    public static RestrictedStandard Of(StandardPopulation standard, int from, int to)
    {
        var shares = new Dictionary<int, double>();
        var partial = new List<string>();
        for (var i = 0; i < standard.Bands.Count; i++)
        {
            var b = standard.Bands[i];
            if (b.AgeFrom > to || b.AgeTo is { } end && end < from) continue;
            var fraction = 1.0;
            if (b.AgeTo is { } top)
            {
                var covered = Math.Min(top, to) - Math.Max(b.AgeFrom, from) + 1;
                fraction = (double)covered / (top - b.AgeFrom + 1);
                if (covered < top - b.AgeFrom + 1)
                    partial.Add(string.Create(CultureInfo.InvariantCulture, $"{b.Label} at {covered}/{top - b.AgeFrom + 1} of its weight (ages {Math.Max(b.AgeFrom, from)}–{Math.Min(top, to)} only)"));
            }
            shares[i] = b.Weight * fraction;
        }
        var sum = shares.Values.Sum();
        var normalised = shares.ToDictionary(kv => kv.Key, kv => kv.Value / sum);
        var last = standard.Bands[normalised.Keys.Max()];
        var range = last.AgeTo is null ? $"{from}+" : $"{from}-{to}";
        var description = $"{standard.Name} restricted to ages {range}, weights renormalised" + (partial.Count > 0 ? "; " + string.Join("; ", partial) : "");
        return new RestrictedStandard(standard, from, to, normalised, description);
    }
}
