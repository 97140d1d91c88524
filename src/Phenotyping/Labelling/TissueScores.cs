using Cohort.Phenotyping.Features;

namespace Cohort.Phenotyping.Labelling;

/// <summary>
/// A centroid's tissue scores: the mean oriented z of each tissue's features (positive = more resistant than the training cohort,
/// in SD units of the sex-standardised features). Features missing from a reduced model are simply not averaged.
/// </summary>
public readonly record struct TissueScores(double Hepatic, double Muscle, double Adipose)
{
    public double this[Tissue t] => t switch { Tissue.Hepatic => Hepatic, Tissue.Muscle => Muscle, _ => Adipose };

    public static TissueScores Of(ReadOnlySpan<float> centroid, IReadOnlyList<PhenotypeFeature> features)
    {
        Span<double> sum = stackalloc double[3];
        Span<int> n = stackalloc int[3];
        for (var j = 0; j < features.Count; j++)
        {
            if (float.IsNaN(centroid[j]) || features[j].Tissue == Tissue.None) continue;
            sum[(int)features[j].Tissue] += centroid[j];
            n[(int)features[j].Tissue]++;
        }
        static double Mean(double s, int c) => c == 0 ? double.NaN : s / c;
        return new TissueScores(Mean(sum[0], n[0]), Mean(sum[1], n[1]), Mean(sum[2], n[2]));
    }
}
