using Cohort.Contracts.Queries;
using Cohort.Dashboard.Rendering;
using static Cohort.Dashboard.Rendering.Html;

namespace Cohort.Dashboard.Pages;

/// <summary>Phases of the compensation model: prevalence of each under the chosen cut-off, and transitions between two visits with progression incidence.</summary>
internal static class PhasesPage
{
    public static string Render(IReadOnlyList<PrevalenceResult> prevalence, TransitionResult transitions, string query)
    {
        var t = transitions.Provenance.SuppressionThreshold;
        var rows = prevalence.Select(p => (p.Condition.Replace("phase ", ""), p.Total.Proportion, p.Total.Lower, p.Total.Upper)).ToArray();
        // With survey weights the population estimates lead (design-based when strata and PSUs are given); the sample's counts follow.
        var weighted = prevalence.Any(p => p.Total.Weighted is not null);
        string[] Weighted(PrevalenceResult p) => !weighted ? [] :
        [
            p.Total.Weighted is { Proportion: { } wp } w
                ? $"{P(wp)} ({P(w.Lower)}–{P(w.Upper)}){(w.Reliable == false ? $" <strong>unreliable</strong>: {E(w.Unreliable ?? "")}" : "")}" : "suppressed",
            p.Total.Weighted is { Standardised: { } ws } sw ? $"{P(ws)} ({P(sw.StandardisedLower)}–{P(sw.StandardisedUpper)})"
                : p.Total.Weighted?.DegreesOfFreedom is null ? "needs survey strata and PSUs" : "—",
        ];
        string[] weightedHeadings = weighted ? ["weighted prevalence (95% CI)", $"weighted, age-standardised ({prevalence[0].Standard})"] : [];
        var table = Table($"Phase prevalence at the {prevalence[0].Visit} visit ({prevalence[0].Method})",
            ["phase", .. weightedHeadings, "participants", "of", "crude prevalence (95% CI)", $"age-standardised ({prevalence[0].Standard})"],
            prevalence.Select(p => (IEnumerable<string>)
            [
                E(p.Condition.Replace("phase ", "")), .. Weighted(p), C(p.Total.Cases, t), C(p.Total.Total, t), p.Total.Proportion is { } v ? $"{P(v)} ({P(p.Total.Lower)}–{P(p.Total.Upper)})" : "suppressed",
                p.Total.AgeStandardised is { Proportion: { } s } a ? $"{P(s)} ({P(a.Lower)}–{P(a.Upper)})" : E(p.Total.AgeStandardised?.UndefinedReason ?? "—"),
            ]), "prevalence")
            + (weighted && prevalence.Select(p => p.Total.Weighted?.Method).FirstOrDefault(m => m is not null) is { } method
                ? $"""<p class="note">Weighted ({E(prevalence[0].Weight)} weight): {E(method)}; estimates NCHS's presentation standard for proportions would not show are marked unreliable. Age-standardised: {E(prevalence[0].Total.AgeStandardised?.AgeRange ?? "")}; Fay–Feuer gamma intervals.</p>"""
                : $"""<p class="note">Age-standardised: {E(prevalence[0].Total.AgeStandardised?.AgeRange ?? "")}; Fay–Feuer gamma intervals.</p>""");
        string Matrix(TransitionTable m, string id) => Table($"{m.Group}: {transitions.From} (rows) → {transitions.To} (columns)", ["from \\ to", .. m.States],
            m.States.Select((s, i) => (IEnumerable<string>)[E(s), .. m.Counts[i].Select((c, j) => C(c, t, m.Complement?[i][j] == true))]), id) + SuppressionLegend(t);
        // Net of noise first: the model's rate, the confirmed rate (interval-censored), then the raw one.
        var model = transitions.Model;
        string Rate(double? r, double? lo, double? hi) => r is { } x ? $"{N(x, "0.0")} ({N(lo, "0.0")}–{N(hi, "0.0")})" : "—";
        var progression = Table($"Progression out of each phase per 1,000 person-years, {transitions.From} → {transitions.To}",
            ["from phase", "net of misclassification (model, 95% CI)", "confirmed (95% CI)", "raw", "at risk", "progressions: confirmed / all", "regressions: confirmed / all", "person-years"],
            (transitions.Overall.FromStates ?? []).Select(row =>
            {
                var i = model?.States.ToList().IndexOf(row.State) ?? -1;
                return new[]
                {
                    E(row.State), i >= 0 && i < model!.RatesPer1000.Count ? Rate(model.RatesPer1000[i], model.Lower[i], model.Upper[i]) : E(model?.UndefinedReason ?? "—"),
                    row.RatePer1000 is { } r ? Rate(r, row.Lower, row.Upper) : "suppressed", row.RawRatePer1000 is { } raw ? N(raw, "0.0") : "suppressed",
                    C(row.AtRisk, t), $"{C(row.Confirmed, t)} / {C(row.Progressions, t)}", $"{C(row.ConfirmedRegressions, t)} / {C(row.Regressions, t)}", N(row.PersonYears, "0.0"),
                };
            }), "progression");
        var misclassification = model is { Misclassification.Count: > 0 } ? Table("The model's misclassification: true phase (rows) → phase observed at a visit (columns)", ["true \\ observed", .. model.States],
            model.States.Select((s, i) => (IEnumerable<string>)[E(s), .. model.Misclassification[i].Select(x => P(x))]), "misclassification") : "";
        var modelNote = model is null ? "" : $"""<p class="note">Model: a progressive hidden Markov model fitted to every participant's phases over all visits{(model.Participants is { } mp ? $" ({N(mp)} participants)" : "")}, mean interval {N(model.MeanIntervalYears, "0.00")} years, {model.Resamples} bootstrap resamples{(model.Converged ? "" : ", <strong>not converged</strong>")}. It assumes {E(model.Assumptions)}. Confirmed: the next visit repeats the move, or fasting glucose (HOMA-IR between normal and compensated) changed beyond its minimum detectable change (Poon 2018), or a diagnosis or treatment is newly recorded; a confirmed progression counts half its interval (interval-censored at the midpoint). Raw counts every move, most of which are measurement noise.</p>""";
        var incidence = Table("Raw progression to a worse phase per 1,000 person-years (every move counted, full intervals; exact Poisson 95% CI)", ["group", "at risk", "progressions", "person-years", "rate (95% CI)"],
            transitions.ByPhenotype.Prepend(transitions.Overall).Select(m => new[]
            {
                E(m.Group), C(m.AtRisk, t), C(m.Progressions, t), N(m.PersonYears, "0.0"), m.RatePer1000 is { } r ? $"{N(r, "0.0")} ({N(m.Lower, "0.0")}–{N(m.Upper, "0.0")})" : "suppressed",
            }), "incidence");
        var body = $"""
            <form class="controls" method="get" action="/phases">
            {Controls.Filters(prevalence[0].Visit, "none")}
            <button type="submit">Show</button>
            </form>
            <p>Phases: normal (normoglycaemic, insulin signal within the chosen reference), compensated (normoglycaemic, HOMA-IR at or above the cut-off),
            intermediate (prediabetes range), diabetes-range (a diabetes-range value at the visit, or diagnosed or treated diabetes: the model's "decompensated", which one value cannot confirm). They depend on the cut-off ({E(transitions.Provenance.PhaseCutoff)} unless chosen on the HOMA-IR page).</p>
            {CaveatBox.HomaIr()}
            <div class="chart-and-table">
            <figure>{ProportionBars.Render("Phase prevalence", rows)}<figcaption>Share of participants in each phase, with 95% CIs.</figcaption></figure>
            {table}
            </div>
            <h2>Progression</h2>
            {progression}
            {modelNote}
            {misclassification}
            <h2>Transitions (raw)</h2>
            {Matrix(transitions.Overall, "transitions")}
            {string.Concat(transitions.ByPhenotype.Select((m, i) => Matrix(m, $"transitions-{i}")))}
            {incidence}
            {Controls.Disclosure(transitions.Disclosure)}
            {Controls.Provenance(transitions.Provenance)}
            <p><a class="download" href="/phases.csv?{E(query)}" download>Download these numbers (CSV)</a> · <a class="download" href="/api/transitions?{E(query)}">JSON</a></p>
            """;
        return Page("Glycaemic phases", "/phases", body);
    }
}
