namespace Cohort.Phenotyping.Modelling;

/// <summary>How a model groups participants: k-means (hard regions around centroids) or a Gaussian mixture (model-based, with membership probabilities).</summary>
public enum ClusteringMethod
{
    KMeans,
    Mixture,
}

public static class ClusteringMethods
{
    public static string Code(this ClusteringMethod m) => m == ClusteringMethod.Mixture ? "gmm" : "kmeans";

    public static bool TryParse(string? code, out ClusteringMethod method)
    {
        switch (code?.Trim().ToLowerInvariant())
        {
            case "kmeans" or "k-means": method = ClusteringMethod.KMeans; return true;
            case "gmm" or "mixture": method = ClusteringMethod.Mixture; return true;
            default: method = default; return false;
        }
    }
}
