namespace Cohort.Phenotyping.Features;

/// <summary>
/// Whose feature visits shape the centroids (everyone is assigned afterwards): by default those outside the diabetes range, since
/// hyperglycaemia and its treatment distort every marker; an Ahlqvist-like fit clusters people with diabetes, as Ahlqvist did.
/// </summary>
public enum TrainingPopulation { OutsideDiabetes, Diabetes, Everyone }
