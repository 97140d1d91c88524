using System.Globalization;
using Cohort.Domain.Data;

namespace Cohort.Domain.Statistics;

/// <summary>A named standard population (ESP 2013, US 2000) held as data with its source.</summary>
public sealed record StandardPopulation(string Name, string Source, IReadOnlyList<AgeBand> Bands)
{
    private static readonly Lazy<IReadOnlyList<StandardPopulation>> Loaded = new(Load);

    public static IReadOnlyList<StandardPopulation> All => Loaded.Value;

    public static StandardPopulation Get(string name) =>
        All.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new KeyNotFoundException($"no standard population '{name}' (known: {string.Join(", ", All.Select(s => s.Name))})");

    public static bool TryGet(string? name, out StandardPopulation standard)
    {
        standard = All.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase))!;
        return standard is not null;
    }

    /// <summary>The index of the band containing <paramref name="age"/>, or −1.</summary>
    public int BandIndex(double age)
    {
        for (var i = 0; i < Bands.Count; i++)
            if (Bands[i].Contains(age)) return i;
        return -1;
    }

    private static IReadOnlyList<StandardPopulation> Load() =>
        EmbeddedCsv.Read("standard-populations.csv")
            .GroupBy(r => r["standard"])
            .Select(g => new StandardPopulation(
                g.Key,
                g.First()["source"],
                g.Select(r => new AgeBand(
                    int.Parse(r["age_from"], CultureInfo.InvariantCulture),
                    r["age_to"].Length == 0 ? null : int.Parse(r["age_to"], CultureInfo.InvariantCulture),
                    double.Parse(r["weight"], CultureInfo.InvariantCulture))).ToArray()))
            .ToArray();
}
