namespace Cohort.Phenotyping.Features;

/// <summary>
/// How much of the model's feature set a participant has at the feature visit: all of it (clustered: fits the model and is assigned),
/// a reduced set (assigned to the nearest centroid over the features present, never used to fit), too little to say
/// (unclassifiable), or no feature visit at all. Values are never imputed.
/// </summary>
public enum FeatureCoverage : byte { NoFeatureVisit = 0, Complete = 1, Reduced = 2, Unclassifiable = 3 }
