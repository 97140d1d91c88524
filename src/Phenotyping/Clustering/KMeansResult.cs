namespace Cohort.Phenotyping.Clustering;

/// <summary>A fitted k-means: centroids (k × features) and each training point's cluster (0-based).</summary>
public sealed record KMeansResult(int K, float[][] Centroids, int[] Assignments);
