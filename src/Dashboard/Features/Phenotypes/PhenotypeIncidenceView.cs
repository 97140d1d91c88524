using Cohort.Contracts.Outcomes;

namespace Cohort.Dashboard.Features.Phenotypes;

/// <summary>
/// Each phenotype's incidence of an event (by default diagnosed diabetes) from baseline, with the rate ratio adjusted for sex, age band
/// and baseline glycaemic category, and what that says in words: whether any phenotype predicts the event beyond baseline glycaemia.
/// </summary>
public sealed record PhenotypeIncidenceView(OutcomeResult Result, string Reading)
{
    public static PhenotypeIncidenceView Of(OutcomeResult r)
    {
        var beyond = r.Rows.Where(x => !x.Reference && x.RateRatioLower is { } lo && x.RateRatioUpper is { } hi && (lo > 1 || hi < 1)).ToArray();
        var reference = r.Rows.FirstOrDefault(x => x.Reference)?.Stratum ?? "the reference";
        string F(double? x) => x?.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture) ?? "—";
        var reading = r.Rows.All(x => x.RateRatio is null)
            ? "No rate ratio could be estimated (too few events, or strata withheld for disclosure): the data cannot say whether the phenotypes predict it."
            : beyond.Length == 0
                ? $"No phenotype's rate differs from {reference}'s beyond chance once sex, age band and baseline glycaemic category are accounted for: " +
                  "on these data the phenotypes predict nothing beyond baseline glucose."
                : $"Beyond baseline glycaemia (adjusted for sex, age band and baseline glycaemic category), against {reference}: " +
                  string.Join("; ", beyond.Select(x => $"{x.Stratum} rate ratio {F(x.RateRatio)} (95% CI {F(x.RateRatioLower)}–{F(x.RateRatioUpper)})")) + ".";
        return new PhenotypeIncidenceView(r, reading);
    }
}
