using Cohort.Contracts.Queries;

namespace Cohort.Dashboard.Rendering;

/// <summary>Caveats shown with the numbers they qualify, visible without a click.</summary>
internal static class CaveatBox
{
    public static string Render(string heading, IEnumerable<CaveatView> caveats)
    {
        var items = caveats.ToArray();
        if (items.Length == 0) return "";
        return $"""
            <section class="caveat" aria-label="{Html.E(heading)}">
            <h2>{Html.E(heading)}</h2>
            <ul>{string.Concat(items.Select(c => $"<li><strong>{Html.E(c.Title)}.</strong> {Html.E(c.Text)} <span class=\"note\">({Html.E(c.Source)})</span></li>"))}</ul>
            </section>
            """;
    }

    public static string HomaIr() => Render("HOMA-IR cut-offs are not universal",
        Domain.Caveats.CaveatCatalogue.HomaIrCutoffs.Select(c => new CaveatView(c.Id, c.Title, c.Text, c.Source)));
}
