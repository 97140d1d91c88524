using Cohort.Contracts.Queries;

namespace Cohort.Dashboard.Features.Trajectories;

/// <summary>
/// A metric over the cohort's visits: its released distribution at visit 1, 2, … (overall and per stratum) under the same filters, up
/// to the last visit that still has participants to show. Each visit is the same release the distribution page makes for that visit,
/// so a trajectory reveals nothing that page does not. Strata of category and phase are taken at each visit; the others are fixed.
/// </summary>
public sealed record Trajectory(string Metric, string Name, string Unit, string StrataBy, bool Log, IReadOnlyList<StratifiedDistribution> Visits)
{
    /// <summary>The most visits a trajectory reads.</summary>
    public const int MaxVisits = 12;

    public static async Task<Trajectory> LoadAsync(ICohortQueryGrain queries, CohortQuery query, string metric)
    {
        var visits = new List<StratifiedDistribution>();
        for (var v = 1; v <= MaxVisits; v++)
        {
            var d = await queries.Distribution(query with { Visit = VisitChoice.Visit(v) }, metric);
            if (d.Total.N is not > 0) break;
            visits.Add(d);
        }
        var first = visits.FirstOrDefault() ?? await queries.Distribution(query with { Visit = VisitChoice.Visit(1) }, metric);
        return new Trajectory(first.Metric, first.Name, first.Unit, first.StrataBy, first.LogBins, visits);
    }

    /// <summary>The strata in the order they first appear: "everyone", then each stratum.</summary>
    public IReadOnlyList<string> Strata => [.. Visits.SelectMany(v => v.Strata.Select(s => s.Stratum)).Distinct()];

    /// <summary>A stratum's (or everyone's, for null) distribution at each visit, null where it has none.</summary>
    public IReadOnlyList<StratumDistribution?> Of(string? stratum) =>
        [.. Visits.Select(v => stratum is null ? v.Total : v.Strata.FirstOrDefault(s => s.Stratum == stratum))];
}
