using Cohort.Contracts.Phenotypes;
using Cohort.Dashboard.Api;
using Cohort.Dashboard.Rendering;
using static Cohort.Dashboard.Rendering.Html;

namespace Cohort.Dashboard.Pages;

/// <summary>
/// Phenotypes: the model's clusters (sizes suppressed), the centroid heat map, the rule behind each label, the validation figures and
/// how k was chosen, phenotype × phase and phenotype × stratum tables, version comparison, and the caveat that a phenotype is a
/// predominant pattern, not a diagnosis.
/// </summary>
internal static class PhenotypesPage
{
    public static string Render(PhenotypesView? view, PhenotypeTableResult? byPhase, PhenotypeTableResult? byStratum, PhenotypeComparisonView? comparison, string? fitError)
    {
        var caveat = CaveatBox.Render("A phenotype is a predominant pattern, not a diagnosis", PhenotypeViews.Caveats);
        var fitForm = !PageContext.Current.Holds(Contracts.Access.Role.Epidemiologist)
            ? "<p class=\"note\">Fitting a new model version needs the epidemiologist role.</p>"
            : $"""
            <form class="controls" method="post" action="/phenotypes/fit">
            {PageContext.FormToken()}
            <label for="k">k <input id="k" name="k" inputmode="numeric" size="3" placeholder="auto"></label>
            <label for="seed">Seed <input id="seed" name="seed" inputmode="numeric" size="5" value="{view?.Seed ?? 1}"></label>
            <button type="submit">Fit a new model version</button>
            </form>
            {(fitError is null ? "" : $"<p class=\"error\" role=\"alert\">{E(fitError)}</p>")}
            """;
        if (view is null)
            return Page("Phenotypes", "/phenotypes", $"""
                <p>No phenotype model has been fitted yet. Fitting clusters participants by hepatic, muscle and adipose markers at their first visit
                with an OGTT; run <code>cohort phenotypes fit</code>, <code>POST /api/phenotypes/fit</code>, or use the button below.</p>
                {fitForm}
                {caveat}
                """);
        var t = view.SuppressionThreshold;
        var clusters = Table($"Clusters of model v{view.Version}", ["#", "phenotype", "participants now", "in training", "stability (bootstrap Jaccard)", "hepatic", "muscle", "adipose", "why this label"],
            view.Clusters.Select(c => new[]
            {
                N(c.Number), E(c.Label), C(c.Assigned, t), C(c.TrainingSize, t), $"{N(c.Stability, "0.00")} {(c.Stable ? "stable" : $"<strong>{E(Domain.Phenotypes.ClusterStability.Reading(c.Stability))}</strong>")}",
                N(c.Hepatic, "+0.00;−0.00"), N(c.Muscle, "+0.00;−0.00"), N(c.Adipose, "+0.00;−0.00"), E(c.Rationale),
            }), "clusters");
        var candidates = Table("How k was chosen (seeded sample; k-means with several starts)", ["k", "mean silhouette", "smallest Jaccard", "all clusters stable", "Jaccard per cluster"],
            view.Candidates.Select(c => new[]
            {
                N(c.K), N(c.Silhouette, "0.000"), N(c.MinimumJaccard, "0.00"), c.AllStable ? "yes" : "no", E(string.Join(" · ", c.Jaccard.Select(j => j.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture)))),
            }), "k-selection");
        string Cover(PhenotypeCoverageView c) => $"clustered {C(c.Clustered, t)} · reduced feature set {C(c.Reduced, t)} · unclassifiable {C(c.Unclassifiable, t)} · no feature visit {C(c.NoFeatureVisit, t)}";
        var features = Table("Features (oriented: a positive z means more resistant than the cohort)", ["tissue", "metric", "log-transformed", "orientation", "why"],
            view.Features.Select(f => new[] { E(f.Tissue), E(f.Metric), f.Log ? "yes" : "no", f.Orientation > 0 ? "higher = more resistant" : "lower = more resistant", E(f.Why) }), "features");
        var versions = string.Concat(view.Versions.Select(v => $"<option value=\"{v}\"{(v == view.Version ? " selected" : "")}>v{v}</option>"));
        var body = $"""
            <p>Model <strong>v{view.Version}</strong>{(view.Current ? " (current)" : " (an earlier version; participants are assigned with the current one)")}, fitted {E(view.FittedAt.ToString("yyyy-MM-dd HH:mm"))} UTC
            on data version {E(view.DataVersion)} at each participant's {E(view.Visit)}, seed {view.Seed}, in {N(view.FitSeconds, "0.0")} s on {C(view.TrainingParticipants, t)} training participants.</p>
            <p><strong>k = {view.K}.</strong> {E(view.KReason)}. Mean silhouette {N(view.Silhouette, "0.00")}: {E(view.SilhouetteReading)}.</p>
            <p>Coverage at fit: {Cover(view.CoverageAtFit)}.{(view.CoverageNow is { } now ? $" Now: {Cover(now)}." : "")}</p>
            <p class="note">Missing features: {E(view.Policy)}.{(view.Dropped.Count > 0 ? " Left out of this model: " + E(string.Join("; ", view.Dropped)) + "." : "")}
            Participants whose feature visit is in the diabetes range are assigned but do not shape the centroids (hyperglycaemia and its treatment distort every marker).</p>
            {caveat}
            {clusters}
            <h2>Centroids</h2>
            <figure>{CentroidHeatMap.Render(view.Features, view.Clusters)}<figcaption>Each cluster's mean oriented, sex-standardised z-score per feature; tissue scores are the means over each tissue's features.</figcaption></figure>
            {features}
            {candidates}
            {(byPhase is null ? "" : CrossTab(byPhase, "Phenotype × phase", t, "phenotype-by-phase"))}
            {(byStratum is null ? "" : CrossTab(byStratum, $"Phenotype × {byStratum.By}", t, "phenotype-by-stratum"))}
            <form class="controls" method="get" action="/phenotypes">
            {Controls.StrataBy(byStratum?.By ?? "sex", ["sex", "age_band", "ethnicity", "site", "category"])}
            <label for="version">Model <select id="version" name="version">{versions}</select></label>
            <button type="submit">Show</button>
            </form>
            <h2>Compare two model versions</h2>
            <form class="controls" method="get" action="/phenotypes">
            <label for="a">Version <select id="a" name="a">{versions}</select></label>
            <label for="b">with <select id="b" name="b">{versions}</select></label>
            <button type="submit">Compare</button>
            </form>
            {Comparison(comparison)}
            <h2>Refit</h2>
            <p>A refit is an explicit action and creates a new version; earlier versions stay readable. New participants are assigned with the current model's scaler and centroids until the next fit.</p>
            {fitForm}
            <p><a class="download" href="/api/phenotypes?version={view.Version}">JSON</a></p>
            """;
        return Page("Phenotypes", "/phenotypes", body);
    }

    private static string CrossTab(PhenotypeTableResult r, string title, int t, string id) =>
        Table($"{title} at the {r.Visit} (participants)", [r.By, .. r.Phenotypes, "total"],
            r.Rows.Select(row => (IEnumerable<string>)[E(row.Stratum), .. row.Counts.Select((c, j) => C(c, t, row.Complement?[j] == true)), C(row.Total, t)]), id) + SuppressionLegend(t);

    private static string Comparison(PhenotypeComparisonView? c) => c is null ? "" :
        $"""<p id="comparison">Model v{c.VersionA} against v{c.VersionB}: adjusted Rand index <strong>{N(c.AdjustedRandIndex, "0.000")}</strong> over the participants both assign (1 = the same partition; about 0 = chance agreement).</p>""";
}
