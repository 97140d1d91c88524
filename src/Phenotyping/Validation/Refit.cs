namespace Cohort.Phenotyping.Validation;

/// <summary>
/// Clusters a bootstrap resample again: <paramref name="points"/> are the distinct points drawn and <paramref name="counts"/> how many
/// times each was drawn (a weighted fit over the distinct points is the fit over the resample with its repeats, at about 63 % of the
/// cost); returns one cluster per distinct point.
/// </summary>
public delegate int[] Refit(IReadOnlyList<float[]> points, double[] counts, int seed);
