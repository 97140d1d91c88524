using System.Globalization;
using Cohort.Contracts.Queries;
using Cohort.Domain.Glycaemia;
using Cohort.Domain.Markers;
using Cohort.Domain.Phases;
using Cohort.Domain.Phenotypes;
using static Cohort.Dashboard.Parameters.QueryParameters;

namespace Cohort.Dashboard.Parameters;

/// <summary>
/// The filters, strata, visit and cut-off every statistics endpoint takes, from the query string: sex, age_band, age_band_at_visit,
/// ethnicity, site, category, phase, phenotype (comma-separated or repeated), visit (baseline, latest or a visit number), by (the
/// stratifying dimension) and cutoff (the HOMA-IR value phases use). A bad value is a 400 naming the parameter.
/// </summary>
internal static class StatisticsParameters
{
    private static IReadOnlyDictionary<string, Dimension> Dimensions => DimensionNames.ByName;

    /// <summary>The phase cut-off a query uses unless it names one: the silos' effective setting (a separate dashboard process has no default of its own).</summary>
    public static async Task<double> DefaultCutoff(IGrainFactory grains) =>
        (await grains.GetGrain<Contracts.Ingest.ICohortSettingsGrain>(0).Get()).PhaseCutoffHomaIr;

    /// <summary>The request's query, its cut-off defaulting to the silos' setting.</summary>
    public static async Task<CohortQuery> QueryAsync(HttpRequest request, IGrainFactory grains) => Query(request, await DefaultCutoff(grains));

    /// <summary>The request's query string with <paramref name="key"/> set, for links to the same numbers in another format.</summary>
    public static string QueryOf(HttpRequest request, string key, string value) => QueryText.Of(request.Query, [], (key, value));

    /// <summary>The interval method of a prevalence (parameter 'method': wilson, the default, or clopper-pearson).</summary>
    public static PrevalenceInterval Interval(string? method) => (method ?? "wilson").Trim().ToLowerInvariant() switch
    {
        "wilson" => PrevalenceInterval.Wilson,
        "clopper-pearson" => PrevalenceInterval.ClopperPearson,
        _ => throw new BadParameterException("method", $"parameter 'method' must be wilson or clopper-pearson (got '{method}')"),
    };

    /// <summary>The standard population of an age-standardised prevalence (parameter 'standard': ESP2013, the default, or US2000).</summary>
    public static AgeStandard Standard(string? standard)
    {
        if (standard is null) return AgeStandard.Esp2013;
        foreach (var s in Enum.GetValues<AgeStandard>())
            if (s.ToString().Equals(standard.Trim(), StringComparison.OrdinalIgnoreCase)) return s;
        throw new BadParameterException("standard",
            $"parameter 'standard' must be {string.Join(" or ", Enum.GetNames<AgeStandard>().Select(n => n.ToUpperInvariant()))} (got '{standard}')");
    }

    /// <summary>The filters of a query string in words, for a page's title; null when there are none or they do not parse.</summary>
    public static string? Population(IQueryCollection q)
    {
        try
        {
            return Filter(q) is var f && f.Parts().Any() ? f.Describe() : null;
        }
        catch (BadParameterException)
        {
            return null;
        }
    }

    /// <summary>The request's query string without its leading '?'.</summary>
    public static string QueryString(HttpRequest request) => request.QueryString.Value?.TrimStart('?') ?? "";

    public static CohortQuery Query(HttpRequest request, double defaultCutoff)
    {
        var q = request.Query;
        var by = q["by"].ToString() is { Length: > 0 } b
            ? Dimensions.TryGetValue(b, out var d) ? d : throw new BadParameterException("by", $"parameter 'by' must be one of: {string.Join(", ", Dimensions.Keys)} (got '{b}')")
            : Dimension.None;
        return new CohortQuery(Filter(request), VisitOf(q["visit"].ToString(), "visit"), by, Cutoff(q["cutoff"].ToString(), defaultCutoff));
    }

    /// <summary>The request's filters: sex, age_band, age_band_at_visit, ethnicity, site, category, phase, phenotype, curve_shape.</summary>
    public static CohortFilter Filter(HttpRequest request) => Filter(request.Query);

    /// <inheritdoc cref="Filter(HttpRequest)"/>
    public static CohortFilter Filter(IQueryCollection q)
    {
        IReadOnlyList<string>? List(string name, IReadOnlyCollection<string>? allowed = null, Func<string, string>? canonical = null)
        {
            if (!q.TryGetValue(name, out var values)) return null;
            var items = values.SelectMany(v => (v ?? "").Split(',')).Select(v => v.Trim()).Where(v => v.Length > 0)
                .Select(v => canonical?.Invoke(v) ?? v).ToArray();
            // An empty value (a form's blank text field, "site=") filters nothing, as if the parameter were absent.
            if (items.Length == 0) return null;
            if (allowed is not null)
                foreach (var i in items)
                    if (!allowed.Contains(i, StringComparer.OrdinalIgnoreCase))
                        throw new BadParameterException(name, $"parameter '{name}' value '{i}' must be one of: {string.Join(", ", allowed)}");
            return items;
        }
        string[] Codes<T>(Func<T, string> code) where T : struct, Enum => Enum.GetValues<T>().Select(code).ToArray();
        string[] bands = [.. CohortFilter.AgeBands, CohortFilter.Unknown];
        return new CohortFilter(
            List("sex", ["F", "M", CohortFilter.Unknown]),
            List("age_band", bands),
            List("age_band_at_visit", bands),
            List("ethnicity"),
            List("site"),
            List("category", Codes<GlycaemicCategory>(c => c.Code())),
            List("phase", Codes<Phase>(p => p.Code()), v => PhaseNames.TryParse(v, out var p) ? p.Code() : v),
            List("phenotype", Codes<Phenotype>(p => p.Code()), v => PhenotypeNames.TryParse(v, out var p) ? p.Code() : v),
            List("curve_shape", Codes<CurveShape>(s => s.Code())));
    }

    public static VisitChoice VisitOf(string? text, string parameter) =>
        string.IsNullOrWhiteSpace(text) ? VisitChoice.Baseline
        : VisitChoice.TryParse(text, out var visit) && visit.Number <= 100 ? visit
        : throw new BadParameterException(parameter, $"parameter '{parameter}' must be baseline, latest, first-ogtt or a visit number 1–100 (got '{text}')");

    private static double Cutoff(string? text, double fallback)
    {
        if (string.IsNullOrWhiteSpace(text)) return fallback;
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var x) && x is > 0 and < 100
            ? x : throw new BadParameterException("cutoff", $"parameter 'cutoff' must be a HOMA-IR value between 0 and 100 (got '{text}')");
    }

    /// <summary>condition=phase:compensated | category:prediabetes | phenotype:hepatic-dominant | homa_ir&gt;=2.5 (any metric, canonical units).</summary>
    public static Condition Condition(string? text, MarkerRegistry markers)
    {
        if (string.IsNullOrWhiteSpace(text)) throw new BadParameterException("condition", "the 'condition' parameter is required (e.g. condition=phase:compensated or condition=homa_ir>=2.5)");
        var t = text.Trim();
        var ge = t.IndexOf(">=", StringComparison.Ordinal);
        if (ge > 0)
        {
            if (!markers.TryResolveMetric(t[..ge], out var m)) throw new BadParameterException("condition", $"parameter 'condition': unknown metric '{t[..ge]}'");
            if (!double.TryParse(t[(ge + 2)..], NumberStyles.Float, CultureInfo.InvariantCulture, out var x) || !double.IsFinite(x))
                throw new BadParameterException("condition", $"parameter 'condition': '{t[(ge + 2)..]}' is not a number");
            return new Condition(ConditionKind.MetricAtLeast, m.Code, MarkerRegistry.PositionOf(m), x);
        }
        var colon = t.IndexOf(':');
        var (kind, code) = colon > 0 ? (t[..colon].ToLowerInvariant(), t[(colon + 1)..].ToLowerInvariant()) : ("", "");
        return kind switch
        {
            "phase" when PhaseNames.TryParse(code, out var phase) && phase != Phase.Unknown => new Condition(ConditionKind.Phase, phase.Code()),
            "category" when Enum.GetValues<GlycaemicCategory>().Any(c => c.Code() == code && c != GlycaemicCategory.Unknown) => new Condition(ConditionKind.Category, code),
            "phenotype" when PhenotypeNames.TryParse(code, out var phenotype) && phenotype != Phenotype.Unclassified => new Condition(ConditionKind.Phenotype, phenotype.Code()),
            "curve_shape" when CurveShapes.TryParse(code, out var shape) && shape != CurveShape.Unknown => new Condition(ConditionKind.CurveShape, shape.Code()),
            _ => throw new BadParameterException("condition",
                $"parameter 'condition' must be phase:<normal|compensated|intermediate|diabetes-range>, category:<normal|prediabetes|diabetes>, phenotype:<code>, " +
                $"curve_shape:<monophasic|biphasic|incessant-increase|unclassified> or <metric>>=<value> (got '{text}')"),
        };
    }
}
