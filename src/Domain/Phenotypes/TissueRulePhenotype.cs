namespace Cohort.Domain.Phenotypes;

/// <summary>
/// Rule-based tissue insulin-resistance phenotypes from HIRI and MISI tertiles, as CORDIOPREV (Blanco-Rojo et al., Diabetologia
/// 2016;59:67) and PERSON (Trouwborst et al., Cell Metab 2023;35:71) classify people: liver insulin resistance = HIRI in the top
/// tertile; muscle insulin resistance = MISI in the bottom tertile; combined = both; none = neither. <see cref="Undetermined"/>: HIRI
/// or MISI is missing (no 30-minute sample, or no decline after the glucose peak).
/// </summary>
public enum TissueRulePhenotype : byte
{
    Undetermined = 0,
    NoInsulinResistance,
    MuscleInsulinResistance,
    LiverInsulinResistance,
    CombinedInsulinResistance,
}

public static class TissueRulePhenotypes
{
    public static string Code(this TissueRulePhenotype p) => p switch
    {
        TissueRulePhenotype.NoInsulinResistance => "no-ir",
        TissueRulePhenotype.MuscleInsulinResistance => "muscle-ir",
        TissueRulePhenotype.LiverInsulinResistance => "liver-ir",
        TissueRulePhenotype.CombinedInsulinResistance => "combined-ir",
        _ => "undetermined",
    };

    public static string Name(this TissueRulePhenotype p) => p switch
    {
        TissueRulePhenotype.NoInsulinResistance => "no muscle or liver IR",
        TissueRulePhenotype.MuscleInsulinResistance => "muscle IR only",
        TissueRulePhenotype.LiverInsulinResistance => "liver IR only",
        TissueRulePhenotype.CombinedInsulinResistance => "muscle and liver IR",
        _ => "undetermined",
    };
}

/// <summary>
/// The tertile boundaries of a cohort: the HIRI value above which the top tertile starts and the MISI value below which the bottom
/// tertile lies (R's type-7 quantiles at 2/3 and 1/3), over the <see cref="N"/> participants with both. They hold only for the
/// HIRI and MISI variants, units and OGTT schedule they were computed on, so they travel with the population and units, never alone.
/// </summary>
public sealed record TissueRuleTertiles(double HiriUpper, double MisiLower, long N)
{
    /// <summary>Fewer than this many participants with both indices give tertiles too noisy to classify by.</summary>
    public const int MinimumN = 30;

    public static TissueRuleTertiles? Derive(IReadOnlyList<double> hiri, IReadOnlyList<double> misi)
    {
        if (hiri.Count != misi.Count) throw new ArgumentException("one MISI per HIRI");
        var both = Enumerable.Range(0, hiri.Count).Where(i => double.IsFinite(hiri[i]) && double.IsFinite(misi[i])).ToArray();
        if (both.Length < MinimumN) return null;
        return new TissueRuleTertiles(
            Statistics.Percentile.Of(both.Select(i => hiri[i]), 2.0 / 3),
            Statistics.Percentile.Of(both.Select(i => misi[i]), 1.0 / 3),
            both.Length);
    }

    public TissueRulePhenotype Classify(double hiri, double misi)
    {
        if (!double.IsFinite(hiri) || !double.IsFinite(misi)) return TissueRulePhenotype.Undetermined;
        var (liver, muscle) = (hiri > HiriUpper, misi < MisiLower);
        return liver && muscle ? TissueRulePhenotype.CombinedInsulinResistance
            : liver ? TissueRulePhenotype.LiverInsulinResistance
            : muscle ? TissueRulePhenotype.MuscleInsulinResistance
            : TissueRulePhenotype.NoInsulinResistance;
    }
}
