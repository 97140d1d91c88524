namespace Cohort.Phenotyping.Features;

/// <summary>
/// Turns raw feature values into oriented, sex-standardised z-scores: log where the feature says so, then (x − mean) / SD with the
/// means and SDs of the training participants of the same recorded sex (docs/science.md#scaling-and-missing-features: standardise with the derivation cohort's
/// statistics; sexes standardised separately so that sex differences in waist, HDL or enzymes do not become clusters). Participants of
/// unknown sex use the statistics of all training participants. Index = (int)Cohort.Domain.Indices.Sex: 0 unknown (pooled), 1 female,
/// 2 male. A value that cannot be transformed (missing, or ≤ 0 for a logged feature) stays NaN.
/// </summary>
public sealed record FeatureScaler(IReadOnlyList<PhenotypeFeature> Features, float[][] Means, float[][] Sds)
{
    public const int Groups = 3;

    public static float Transform(PhenotypeFeature f, float raw) =>
        float.IsNaN(raw) ? float.NaN : f.Log ? raw > 0 ? MathF.Log(raw) : float.NaN : raw;

    /// <summary>Fits means and SDs on the transformed values of the given rows (each row one participant's raw features).</summary>
    public static FeatureScaler Fit(IReadOnlyList<PhenotypeFeature> features, IReadOnlyList<float[]> rows, IReadOnlyList<byte> sex)
    {
        var d = features.Count;
        var sum = new double[Groups, d];
        var sumSq = new double[Groups, d];
        var n = new long[Groups, d];
        for (var i = 0; i < rows.Count; i++)
        {
            var g = sex[i] is 1 or 2 ? sex[i] : 0;
            for (var j = 0; j < d; j++)
            {
                var x = Transform(features[j], rows[i][j]);
                if (float.IsNaN(x)) continue;
                sum[0, j] += x; sumSq[0, j] += (double)x * x; n[0, j]++;
                if (g == 0) continue;
                sum[g, j] += x; sumSq[g, j] += (double)x * x; n[g, j]++;
            }
        }
        var means = new float[Groups][];
        var sds = new float[Groups][];
        for (var g = 0; g < Groups; g++)
        {
            means[g] = new float[d];
            sds[g] = new float[d];
            for (var j = 0; j < d; j++)
            {
                // A sex with too few training values to estimate its own statistics falls back to the pooled ones.
                var (s, ss, c) = n[g, j] >= 30 ? (sum[g, j], sumSq[g, j], n[g, j]) : (sum[0, j], sumSq[0, j], n[0, j]);
                if (c < 2) throw new Modelling.PhenotypeFitException($"feature '{features[j].Metric}' has {c} training value(s); it cannot be scaled");
                var mean = s / c;
                var variance = Math.Max(0, (ss - c * mean * mean) / (c - 1));
                if (variance <= 0) throw new Modelling.PhenotypeFitException($"feature '{features[j].Metric}' does not vary in the training data; it cannot be scaled");
                means[g][j] = (float)mean;
                sds[g][j] = (float)Math.Sqrt(variance);
            }
        }
        return new FeatureScaler(features, means, sds);
    }

    /// <summary>The oriented z-scores of one raw row into <paramref name="z"/> (NaN where the value is missing).</summary>
    public void Scale(ReadOnlySpan<float> raw, byte sex, Span<float> z)
    {
        var g = sex is 1 or 2 ? sex : 0;
        for (var j = 0; j < Features.Count; j++)
        {
            var x = Transform(Features[j], raw[j]);
            z[j] = float.IsNaN(x) ? float.NaN : Features[j].Orientation * (x - Means[g][j]) / Sds[g][j];
        }
    }

    public float[] Scale(ReadOnlySpan<float> raw, byte sex)
    {
        var z = new float[Features.Count];
        Scale(raw, sex, z);
        return z;
    }
}
