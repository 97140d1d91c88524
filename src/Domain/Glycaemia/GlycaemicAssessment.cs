namespace Cohort.Domain.Glycaemia;

/// <summary>
/// The glycaemic category of a visit with the band of each test that was available. This is an epidemiological classification of
/// one visit (a single result in the diabetes range counts), not a diagnosis, which needs confirmation.
/// </summary>
public sealed record GlycaemicAssessment(
    GlycaemicRuleSet RuleSet,
    GlycaemicCategory Category,
    TestBand? Fasting,
    TestBand? TwoHour,
    TestBand? HbA1c,
    TestBand? Random = null,
    bool KnownDiabetes = false)
{
    /// <summary>The diabetes range rests on a random glucose alone.</summary>
    public bool RandomOnly => Category == GlycaemicCategory.Diabetes && !KnownDiabetes && Random == TestBand.Diabetes
        && Fasting != TestBand.Diabetes && TwoHour != TestBand.Diabetes && HbA1c != TestBand.Diabetes;

    /// <summary>Impaired fasting glucose (reported only outside the diabetes range).</summary>
    public bool Ifg => Category == GlycaemicCategory.Prediabetes && Fasting == TestBand.Intermediate;

    /// <summary>Impaired glucose tolerance (reported only outside the diabetes range).</summary>
    public bool Igt => Category == GlycaemicCategory.Prediabetes && TwoHour == TestBand.Intermediate;

    /// <summary>IFG with a measured, normal two-hour glucose.</summary>
    public bool IsolatedIfg => Ifg && TwoHour == TestBand.Normal;

    /// <summary>IGT with a measured, normal fasting glucose (below 5.6 mmol/L under ADA, 6.1 under WHO).</summary>
    public bool IsolatedIgt => Igt && Fasting == TestBand.Normal;

    /// <summary>
    /// A short label: "normal", "isolated IFG", "IFG + IGT", "prediabetes (HbA1c)", "diabetes range", "diabetes range (random glucose)",
    /// "diabetes (diagnosed/treated)", "unknown".
    /// </summary>
    public string Label => Category switch
    {
        GlycaemicCategory.Diabetes when KnownDiabetes => "diabetes (diagnosed/treated)",
        GlycaemicCategory.Diabetes when RandomOnly => "diabetes range (random glucose ≥ 11.1 mmol/L)",
        GlycaemicCategory.Diabetes => "diabetes range",
        GlycaemicCategory.Normal => "normal",
        GlycaemicCategory.Unknown => "unknown",
        _ when Ifg && Igt => "IFG + IGT",
        _ when IsolatedIfg => "isolated IFG",
        _ when IsolatedIgt => "isolated IGT",
        _ when Ifg => "IFG",
        _ when Igt => "IGT",
        _ => "prediabetes (HbA1c)",
    };
}
