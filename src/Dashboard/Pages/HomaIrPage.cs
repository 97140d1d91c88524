using Cohort.Contracts.Queries;
using Cohort.Dashboard.Rendering;
using static Cohort.Dashboard.Rendering.Html;

namespace Cohort.Dashboard.Pages;

/// <summary>
/// HOMA-IR for the current filter: its distribution with the registry's cut-offs marked, insulin-resistance prevalence under each with
/// its provenance and applicability, the cohort's own local cut-offs, phases under the chosen cut-off, and why cut-offs do not travel.
/// </summary>
internal static class HomaIrPage
{
    /// <param name="cutoff">The phase cut-off the page was computed with: the query's, or the silo's setting when the query gives none.</param>
    public static string Render(StratifiedDistribution d, CutoffSensitivity c, string query, double cutoff)
    {
        var t = c.Provenance.SuppressionThreshold;
        var marks = c.Registry.Select(r => (r.Value, r.Id)).ToArray();
        var registry = Table("Insulin resistance under each published cut-off, counted only in the visits it applies to",
            ["cut-off", "HOMA-IR", "derived in", "counted where", "applies to this filter", "cases", "of", "not counted", "prevalence (95% CI)"],
            c.Registry.Select(r => new[]
            {
                $"<abbr title=\"{E(r.Citation)}\">{E(r.Id)}</abbr>", N(r.Value), $"{E(r.Population)}<br><small>{E(r.AgeGroup)}, {E(r.Sex ?? "both sexes")}</small>",
                E(string.Join("; ", r.AppliedConditions)) + (r.UncheckedConditions.Count > 0 ? $"<br><small>{E(string.Join("; ", r.UncheckedConditions))}</small>" : ""),
                E(r.Applies) + (r.ApplicabilityReasons.Count > 0 ? $"<br><small>{E(string.Join("; ", r.ApplicabilityReasons))}</small>" : ""),
                C(r.Cases, t), C(r.Total, t), C(r.NotCounted, t), r.Proportion is { } p ? $"{P(p)} ({P(r.Lower)}–{P(r.Upper)})" : "suppressed",
            }), "registry");
        var local = Table("This cohort's own cut-offs (percentiles of HOMA-IR in its metabolically healthy reference subgroup, bootstrap 95% CI)",
            ["group", "reference n", "percentile", "HOMA-IR (95% CI)"],
            c.Local.Select(l => new[]
            {
                E(l.Group), C(l.N, t), l.UndefinedReason is null ? $"{N(l.Percentile * 100, "0")}th" : "—",
                l.Value is { } v ? $"{N(v)} ({N(l.Lower)}–{N(l.Upper)})" : E(l.UndefinedReason ?? ""),
            }), "local");
        var phases = c.PhasesUnderChosenCutoff;
        var phaseRows = phases.Strata.Select(s => (s.Stratum, Share(s, phases), (double?)null, (double?)null)).ToArray();
        var phaseTable = Table($"Phases at the {phases.Visit} visit under the chosen cut-off ({c.Provenance.PhaseCutoff})", ["phase", "participants"],
            phases.Strata.Select(s => new[] { E(s.Stratum), C(s.Total, t) }), "phases");
        var body = $"""
            <form class="controls" method="get" action="/homa-ir">
            {Controls.Filters(c.Visit, "none")}
            <label for="cutoff">Phase cut-off (HOMA-IR) <input id="cutoff" name="cutoff" type="number" step="0.1" min="0.1" max="20" value="{E(cutoff.ToString("R", System.Globalization.CultureInfo.InvariantCulture))}"></label>
            <button type="submit">Show</button>
            </form>
            {CaveatBox.Render("HOMA-IR cut-offs are not universal", c.Caveats)}
            <div class="chart-and-table">
            <figure>{HistogramSvg.Render(d.Name, d.Unit, d.Visit, d.LogBins, d.Total.Histogram ?? [], t, marks)}<figcaption>HOMA-IR at the {E(d.Visit)} visit; dashed lines: the registry's cut-offs (numbers in the table below).</figcaption></figure>
            </div>
            <p class="note">Each cut-off's denominator is the visits with HOMA-IR that meet its conditions: its sex and ages, outside the diabetes range when it was derived in people without diabetes, the Japan Diabetes Society's fasting glucose ceiling, and Stern's whole rule with BMI. "Not counted" are visits with HOMA-IR that fall outside them.</p>
            {registry}
            <p class="note">Reference subgroup: {E(string.Join("; ", c.ReferenceCriteria))}. {E(c.LocalMethod)}</p>
            {local}
            <div class="chart-and-table">
            <figure>{ProportionBars.Render("Share of participants in each phase", phaseRows)}<figcaption>Phases under the chosen cut-off.</figcaption></figure>
            {phaseTable}
            </div>
            {Controls.Disclosure(c.Disclosure)}
            {Controls.Provenance(c.Provenance)}
            <p><a class="download" href="/homa-ir.csv?{E(query)}" download>Download these numbers (CSV)</a> · <a class="download" href="/api/homa-ir/cutoffs?{E(query)}">JSON</a></p>
            """;
        return Page("HOMA-IR and its cut-offs", "/homa-ir", body);
    }

    private static double? Share(PrevalenceEstimate s, PrevalenceResult all)
    {
        var total = all.Strata.Where(x => x.Total is not null).Sum(x => x.Total!.Value);
        return s.Total is { } n && total > 0 && all.Strata.All(x => x.Total is not null) ? (double)n / total : null;
    }
}
