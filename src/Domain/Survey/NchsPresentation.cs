using System.Globalization;

namespace Cohort.Domain.Survey;

/// <summary>
/// The NCHS Data Presentation Standards for Proportions (Parker et al. 2017, Vital Health Stat 2(175), with the 2021 correction), in
/// the order NCHS applies them: an effective sample size below 30 suppresses; a Korn–Graubard interval no wider than 0.05 presents;
/// one 0.30 wide or wider suppresses; a relative width (width / p) above 130% suppresses; otherwise the estimate is presented.
/// Presented estimates are flagged for statistical review when the design has fewer than 8 degrees of freedom, when the
/// complement's relative width (width / (1 − p)) exceeds 130%, or when p is 0 or 1.
/// </summary>
public static class NchsPresentation
{
    public static PresentationVerdict ForProportion(double p, KornGraubardInterval interval, int degreesOfFreedom)
    {
        var width = interval.Upper - interval.Lower;
        string? suppress = interval.EffectiveN < 30 ? F($"effective sample size {interval.EffectiveN:0.#} is below 30")
            : width <= 0.05 ? null
            : width >= 0.30 ? F($"the 95% interval is {width:0.000} wide (0.30 or more)")
            : p == 0 ? "the estimate is 0 and its interval is wider than 0.05"
            : width / p > 1.30 ? F($"the interval's width is {width / p:P0} of the estimate (above 130%)")
            : null;
        var flags = new List<string>();
        if (degreesOfFreedom < 8) flags.Add(F($"{degreesOfFreedom} degrees of freedom (fewer than 8)"));
        if (p < 1 && width / (1 - p) > 1.30) flags.Add(F($"the complement's relative width is {width / (1 - p):P0} (above 130%)"));
        if (p is 0 or 1) flags.Add(p == 0 ? "the estimate is 0" : "the estimate is 1");
        return new PresentationVerdict(suppress is null, suppress, flags);
    }

    private static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
