namespace Cohort.Domain.Survey;

/// <summary>
/// Survey-weighted proportions under a stratified, clustered design (strata and PSUs, weights): the ratio p = Σw·y / Σw over the
/// domain, with linearised values u = w(y − p)/Σw summed per PSU; or, directly age-standardised, p = Σ_g W_g p_g with
/// u = W_g w (y − p_g) / N_g for a unit of band g (R's <c>svystandardize</c>). Variance by <see cref="TaylorLinearisation"/>,
/// interval by <see cref="KornGraubard"/>, verdict by <see cref="NchsPresentation"/>.
/// </summary>
public static class SurveyProportion
{
    public static SurveyProportionEstimate? Estimate(IReadOnlyList<PsuSums> sums, double confidence = 0.95)
    {
        var total = sums.Sum(s => s.WeightedTotal);
        if (!(total > 0)) return null;
        var p = Math.Clamp(sums.Sum(s => s.WeightedCases) / total, 0, 1);
        var scores = sums.Select(s => new PsuScore(s.Stratum, s.Psu, (s.WeightedCases - p * s.WeightedTotal) / total, s.Units));
        return Finish(p, scores, sums.Sum(s => s.Units), confidence);
    }

    /// <summary>
    /// Directly standardised to band weights (index = <see cref="PsuSums.Band"/>; renormalised over the bands the domain holds);
    /// null when a band with weight holds no weighted participant (the caller says which).
    /// </summary>
    public static SurveyProportionEstimate? Standardised(IReadOnlyList<PsuSums> sums, IReadOnlyList<double> bandWeights, double confidence = 0.95)
    {
        var bands = sums.Where(s => s.Band >= 0 && s.Band < bandWeights.Count && bandWeights[s.Band] > 0).GroupBy(s => s.Band)
            .ToDictionary(g => g.Key, g => (Cases: g.Sum(s => s.WeightedCases), Total: g.Sum(s => s.WeightedTotal)));
        var used = Enumerable.Range(0, bandWeights.Count).Where(b => bandWeights[b] > 0).ToArray();
        if (used.Length == 0 || used.Any(b => !bands.TryGetValue(b, out var t) || !(t.Total > 0))) return null;
        var weightSum = used.Sum(b => bandWeights[b]);
        double W(int band) => bandWeights[band] / weightSum;
        var p = Math.Clamp(used.Sum(b => W(b) * bands[b].Cases / bands[b].Total), 0, 1);
        var scores = sums.Where(s => s.Band >= 0 && s.Band < bandWeights.Count && bandWeights[s.Band] > 0 || s.Units == 0)
            .Select(s => new PsuScore(s.Stratum, s.Psu, s.Units == 0 || !bands.ContainsKey(s.Band) ? 0
                : W(s.Band) * (s.WeightedCases - bands[s.Band].Cases / bands[s.Band].Total * s.WeightedTotal) / bands[s.Band].Total, s.Units));
        return Finish(p, scores, sums.Where(s => s.Band >= 0 && s.Band < bandWeights.Count && bandWeights[s.Band] > 0).Sum(s => s.Units), confidence);
    }

    private static SurveyProportionEstimate Finish(double p, IEnumerable<PsuScore> scores, long units, double confidence)
    {
        var variance = TaylorLinearisation.Variance(scores);
        var interval = KornGraubard.Interval(p, variance.Variance, Math.Max(1, units), variance.DegreesOfFreedom, confidence);
        var verdict = NchsPresentation.ForProportion(p, interval, variance.DegreesOfFreedom);
        return new SurveyProportionEstimate(p, Math.Sqrt(variance.Variance), variance.DegreesOfFreedom, units, interval, verdict, variance.SinglePsuStrata);
    }
}
