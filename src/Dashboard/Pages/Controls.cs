using Cohort.Contracts.Queries;
using static Cohort.Dashboard.Rendering.Html;

namespace Cohort.Dashboard.Pages;

/// <summary>What every statistics page shares: the visit and strata controls, and the provenance of the numbers shown.</summary>
internal static class Controls
{
    public static string Filters(string visit, string strataBy)
    {
        var visits = string.Concat(new[] { "baseline", "latest", "first-ogtt", "1", "2", "3", "4" }.Select(v =>
            $"<option value=\"{v}\"{(v == visit || $"visit {v}" == visit || (v == "first-ogtt" && visit == VisitChoice.FirstOgtt.Label) ? " selected" : "")}>{(v.Length == 1 ? $"visit {v}" : v == "first-ogtt" ? "first visit with an OGTT" : v)}</option>"));
        return $"""
            <label for="visit">Visit <select id="visit" name="visit">{visits}</select></label>
            {StrataBy(strataBy, ["none", "sex", "age_band", "ethnicity", "site", "category", "phase", "phenotype"])}
            """;
    }

    /// <summary>The "stratify by" choice among <paramref name="choices"/> (parameter spellings), the current dimension selected.</summary>
    public static string StrataBy(string strataBy, IEnumerable<string> choices)
    {
        var options = string.Concat(choices.Select(b =>
            $"<option value=\"{b}\"{(string.Equals(b.Replace("_", ""), strataBy, StringComparison.OrdinalIgnoreCase) ? " selected" : "")}>{b.Replace('_', ' ')}</option>"));
        return $"""<label for="by">Stratify by <select id="by" name="by">{options}</select></label>""";
    }

    public static string Provenance(Provenance p) => $"""
        <p class="note" id="provenance">Data version {E(p.DataVersion)} · query {E(p.QueryHash[..12])}… · glucose factor {N(p.GlucoseFactor)},
        insulin factor {N(p.InsulinFactor)} · rule set {E(p.RuleSet)} · phenotype model {E(p.ModelVersion)} · counts below {p.SuppressionThreshold} suppressed.</p>
        """;

    /// <summary>How the page's numbers were released: exact (labelled as such) or perturbed by the cell key method, said in words.</summary>
    public static string Disclosure(string disclosure) => $"""
        <p class="note" id="disclosure">Numbers on this page: {E(disclosure)}{(disclosure == "exact" ? " (you may see participant-level data)" : ": the same query always gives the same numbers, and small noise keeps one person's values from being worked out by comparing two filters")}.</p>
        """;
}
