namespace Cohort.Phenotyping.Features;

/// <summary>A named feature set for a fit: its features (with tissue, transform and orientation), who trains it, and why it exists.</summary>
public sealed record FeaturePreset(string Name, string Description, IReadOnlyList<PhenotypeFeature> Features,
    TrainingPopulation Population = TrainingPopulation.OutsideDiabetes)
{
    /// <summary>Every feature maps to a tissue, so clusters are labelled from tissue scores; otherwise they are numbered.</summary>
    public bool TissueLabelled => Features.All(f => f.Tissue != Tissue.None);
}
