using Cohort.Domain.Phenotypes;

namespace Cohort.Ingest.Synthetic;

/// <summary>
/// What `cohort synth` generates. Shares and effect sizes are parameters; the defaults give phenotypes that overlap as real ones do.
/// </summary>
public sealed record SynthOptions
{
    public int Participants { get; init; } = 1000;
    public int Visits { get; init; } = 4;
    public ulong Seed { get; init; } = 1;
    public SynthLayout Layout { get; init; } = SynthLayout.Long;

    /// <summary>Share of observation rows turned into bad rows of the kinds in <see cref="FaultKind"/> (0 for a clean drop).</summary>
    public double BadRowFraction { get; init; }

    /// <summary>Latent phenotype shares (normalised): no raised tissue score (insulin sensitive by construction), hepatic-, muscle-, adipose-dominant, mixed.</summary>
    public IReadOnlyDictionary<Phenotype, double> PhenotypeShares { get; init; } = new Dictionary<Phenotype, double>
    {
        [Phenotype.NoRaisedTissueScore] = 0.40,
        [Phenotype.HepaticDominant] = 0.18,
        [Phenotype.MuscleDominant] = 0.17,
        [Phenotype.AdiposeDominant] = 0.15,
        [Phenotype.Mixed] = 0.10,
    };

    /// <summary>
    /// Multiplies the separation of the phenotypes' latent tissue scores (0 = no phenotype signal). The default, 2, separates them enough
    /// that clustering can be checked against the truth; 1 overlaps about as much as published
    /// cohorts, where even a supervised classifier recovers little (ARI ≈ 0.6, clustering ≈ 0.3).
    /// </summary>
    public double EffectSize { get; init; } = 2.0;

    /// <summary>Within-phenotype spread of each latent tissue score (standard deviations of the latent scale; with the default effect size the
    /// phenotypes are then compact enough for k-means to recover them, ARI ≈ 0.73 at 20,000 participants).</summary>
    public double WithinPhenotypeSpread { get; init; } = 0.35;

    /// <summary>Share of visits with a 0/30/60/90/120-minute OGTT; the others have fasting samples only.</summary>
    public double OgttShare { get; init; } = 0.85;

    /// <summary>Share of visits with fasting NEFA measured (it is often absent in real cohorts).</summary>
    public double NefaShare { get; init; } = 0.35;

    /// <summary>HOMA1-IR cut-off at or above which the generator calls a normoglycaemic visit compensated in the truth.</summary>
    public double TruthPhaseCutoff { get; init; } = Domain.Phases.InsulinSignalCutoff.DefaultHomaIr;

    /// <summary>Participants per generated chunk (one Parquet row group each). Part of the output format, so fixed, not tuned per machine.</summary>
    public int ChunkSize { get; init; } = 10_000;

    // What real records hold and a clean generator would hide (rates chosen to be common enough to test, as in real extracts):
    /// <summary>Share of visits without an OGTT whose glucose, insulin and triglycerides were taken after a meal (marked fasting = false).</summary>
    public double NonFastingShare { get; init; } = 0.25;

    /// <summary>Share of the remaining visits without an OGTT whose samples carry no fasting status.</summary>
    public double FastingUnknownShare { get; init; } = 0.10;

    /// <summary>Share of OGTTs run for 3 hours (150 and 180 min added).</summary>
    public double ThreeHourOgttShare { get; init; } = 0.05;

    /// <summary>Share of the other OGTTs sampled at 0 and 120 min only.</summary>
    public double TwoPointOgttShare { get; init; } = 0.08;

    /// <summary>Share of participants with diabetes at baseline who were already diagnosed (later onsets are diagnosed at 40% per visit).</summary>
    public double DiagnosedShare { get; init; } = 0.5;

    /// <summary>Share of participants anaemic throughout, whose HbA1c reads high.</summary>
    public double AnaemiaShare { get; init; } = 0.04;

    /// <summary>Share of visits whose body measurements were taken 3–10 days after the labs.</summary>
    public double SpreadVisitShare { get; init; } = 0.10;

    /// <summary>
    /// True rates of a cardiovascular event per 1,000 person-years by latent phenotype, from baseline to the last visit (events.parquet):
    /// rates known to the generator, so that estimated rates and rate ratios can be checked against them. The defaults are
    /// illustrative, of the order of cardiovascular incidence in middle-aged cohorts, and rise with tissue involvement.
    /// </summary>
    public IReadOnlyDictionary<Phenotype, double> CardiovascularRates { get; init; } = new Dictionary<Phenotype, double>
    {
        [Phenotype.NoRaisedTissueScore] = 6,
        [Phenotype.HepaticDominant] = 12,
        [Phenotype.MuscleDominant] = 10,
        [Phenotype.AdiposeDominant] = 15,
        [Phenotype.Mixed] = 24,
    };

    public void Validate()
    {
        if (Participants < 1) throw new ArgumentOutOfRangeException(nameof(Participants), Participants, "must be at least 1");
        if (Participants > 50_000_000) throw new ArgumentOutOfRangeException(nameof(Participants), Participants, "at most 50,000,000");
        if (Visits is < 1 or > 50) throw new ArgumentOutOfRangeException(nameof(Visits), Visits, "must be between 1 and 50");
        if (BadRowFraction is < 0 or > 0.5) throw new ArgumentOutOfRangeException(nameof(BadRowFraction), BadRowFraction, "must be between 0 and 0.5");
        if (EffectSize is < 0 or > 5) throw new ArgumentOutOfRangeException(nameof(EffectSize), EffectSize, "must be between 0 and 5");
        if (OgttShare is < 0 or > 1) throw new ArgumentOutOfRangeException(nameof(OgttShare), OgttShare, "must be between 0 and 1");
        if (NefaShare is < 0 or > 1) throw new ArgumentOutOfRangeException(nameof(NefaShare), NefaShare, "must be between 0 and 1");
        foreach (var (name, share) in new[] { (nameof(NonFastingShare), NonFastingShare), (nameof(FastingUnknownShare), FastingUnknownShare),
                     (nameof(ThreeHourOgttShare), ThreeHourOgttShare), (nameof(TwoPointOgttShare), TwoPointOgttShare),
                     (nameof(DiagnosedShare), DiagnosedShare), (nameof(AnaemiaShare), AnaemiaShare), (nameof(SpreadVisitShare), SpreadVisitShare) })
            if (share is < 0 or > 1) throw new ArgumentOutOfRangeException(name, share, "must be between 0 and 1");
        if (PhenotypeShares.Values.Any(v => v < 0) || PhenotypeShares.Values.Sum() <= 0)
            throw new ArgumentOutOfRangeException(nameof(PhenotypeShares), "shares must be non-negative and not all zero");
        if (ChunkSize < 1) throw new ArgumentOutOfRangeException(nameof(ChunkSize), ChunkSize, "must be at least 1");
    }
}
