using Cohort.Contracts.Ingest;
using Cohort.Contracts.Queries;
using Cohort.Dashboard.Rendering;
using Cohort.Domain.Markers;
using static Cohort.Dashboard.Rendering.Html;

namespace Cohort.Dashboard.Pages;

/// <summary>The overview: how big the cohort is, which markers it holds, its baseline categories and phases, the last ingest.</summary>
internal static class OverviewPage
{
    public static string Render(CohortOverview o)
    {
        string Figure(string label, long value, string id) => $"""<div class="figure"><span class="value" id="{id}">{N(value)}</span>{E(label)}</div>""";
        var markers = Table("Observations by marker", ["marker", "observations"],
            MarkerCatalogue.All.Where(m => o.ObservationsByMarker.ContainsKey(m.Code))
                .Select(m => new[] { $"<a href=\"/distribution?metric={E(m.Code)}\">{E(m.Name)}</a>", N(o.ObservationsByMarker[m.Code]) }), "markers");
        var categories = Table($"Glycaemic category at baseline ({o.Factors.RuleSet})", ["category", "participants"],
            Enum.GetValues<Domain.Glycaemia.GlycaemicCategory>().Select(c => Domain.Glycaemia.GlycaemicNames.Code(c))
                .Select(c => new[] { E(c), o.BaselineCategories.TryGetValue(c, out var n) ? N(n) : "suppressed" }), "categories");
        var phases = Table($"Phase at baseline, {o.Factors.PhaseCutoff}", ["phase", "participants"],
            Enum.GetValues<Domain.Phases.Phase>().Select(p => Domain.Phases.PhaseNames.Code(p))
                .Select(p => new[] { E(p), o.BaselinePhases.TryGetValue(p, out var n) ? N(n) : "suppressed" }), "phases");
        var last = o.LastIngest is { } r
            ? $"""<p id="last-ingest">Last ingest: <strong>{E(r.RunId)}</strong> — {E(r.Status.Code())}, finished {E(r.FinishedAt.ToString("u"))}, {N(r.RowsRead)} rows read, {N(r.RowsAccepted)} accepted, {N(r.RowsRejected)} rejected.</p>"""
            : """<p id="last-ingest">No ingest run yet.</p>""";
        var body = $"""
            <div class="figures">
            {Figure("participants", o.Participants, "participants")}
            {Figure("visits", o.Visits, "visits")}
            {Figure("observations", o.Observations, "observations")}
            </div>
            {last}
            <p class="note">Conversion factors: glucose {N(o.Factors.Glucose)} mg/dL per mmol/L, insulin {N(o.Factors.Insulin)} pmol/L per µU/mL. {o.Shards} cohort shards.</p>
            {CaveatBox.HomaIr()}
            <div class="chart-and-table">{categories}{phases}</div>
            {markers}
            {Controls.Disclosure(o.Disclosure)}
            <p><a class="download" href="/api/cohort">These numbers as JSON</a></p>
            """;
        return Page("Cohort overview", "/", body);
    }
}
