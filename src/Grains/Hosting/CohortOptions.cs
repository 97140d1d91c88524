using Cohort.Domain.Glycaemia;
using Cohort.Domain.Phases;
using Cohort.Domain.Units;
using Cohort.Domain.Visits;

namespace Cohort.Grains.Hosting;

/// <summary>The cohort's science settings and layout, bound from the "Cohort" configuration section.</summary>
public sealed class CohortOptions
{
    public const string Section = "Cohort";

    /// <summary>Number of cohort shards (participants map to shards by a stable hash of their id).</summary>
    public int Shards { get; set; } = 16;

    /// <summary>Glucose mg/dL per mmol/L: 18.0 (default) or 18.016.</summary>
    public double GlucoseFactor { get; set; } = ConversionFactors.GlucoseConventional;

    /// <summary>Insulin pmol/L per µU/mL: 6.00 (default) or 6.945.</summary>
    public double InsulinFactor { get; set; } = ConversionFactors.InsulinWhoStandard;

    /// <summary>Glycaemic rule set: ada2025 (default) or who2006.</summary>
    public string RuleSet { get; set; } = "ada2025";

    /// <summary>HOMA1-IR at or above which a normoglycaemic visit is "compensated" (a choice, not a universal threshold).</summary>
    public double PhaseCutoffHomaIr { get; set; } = Domain.Phases.InsulinSignalCutoff.DefaultHomaIr;

    /// <summary>
    /// Participant-level exports ("Cohort:ExportEnabled"): on by default, for epidemiologists only (the role is checked at the dashboard
    /// and the gateway); false turns exports off for everyone, as a study's data-sharing agreement may require.
    /// </summary>
    public bool ExportEnabled { get; set; } = true;

    /// <summary>Counts from 1 to this − 1 are never released by aggregate views (small-cell suppression); default 11, at least 2.</summary>
    public int SuppressionThreshold { get; set; } = 11;

    /// <summary>Results within this many days of a visit's first result belong to that visit ("Cohort:VisitWindowDays", default 14; 0 = calendar days).</summary>
    public int VisitWindowDays { get; set; } = Domain.Visits.VisitAssemblyOptions.DefaultWindowDays;

    /// <summary>
    /// Summaries a shard must have applied since its base was last written before it writes a new one ("Cohort:ShardCompactionMinimum",
    /// default 5,000; half the shard when that is more). Fewer rewrites of large bases, against more log for a restart to replay.
    /// </summary>
    public int ShardCompactionMinimum { get; set; } = 5_000;

    /// <summary>
    /// How often a shard checks whether its base is due ("Cohort:ShardCompactionCheckSeconds", default 30, at most a day). A run that
    /// makes it due is compacted at once, without waiting for the check.
    /// </summary>
    public int ShardCompactionCheckSeconds { get; set; } = 30;

    /// <summary>
    /// How long an open run whose runner is outside any silo (the CLI against a cluster) may go unheard before it is abandoned
    /// ("Cohort:ClientRunnerSilenceSeconds", default 60, between 15 and 3600). A runner reports at least every
    /// <c>RunAnnouncer.KeepAlive</c> (10 s) while its run is open, so a run this silent has lost its runner (killed, or cut off from
    /// the cluster); a runner inside a silo is judged by the cluster's membership instead.
    /// </summary>
    public int ClientRunnerSilenceSeconds { get; set; } = 60;

    /// <summary>The least <see cref="ClientRunnerSilenceSeconds"/> may be: above a runner's keep-alive of 10 s, with room for a late report.</summary>
    public const int MinClientRunnerSilenceSeconds = 15;

    /// <summary>Perturbation of aggregate views for anonymous and analyst users ("Cohort:Disclosure:…").</summary>
    public DisclosureOptions Disclosure { get; set; } = new();

    public ConversionFactors Factors() => new(GlucoseFactor, InsulinFactor);

    public EvaluationSettings Evaluation() => new(Factors(),
        GlycaemicNames.TryParseRuleSet(RuleSet, out var r) ? r : throw new ArgumentException($"Cohort:RuleSet '{RuleSet}' is not ada2025 or who2006"),
        InsulinSignalCutoff.HomaIr(PhaseCutoffHomaIr, $"HOMA1-IR ≥ {PhaseCutoffHomaIr} (configured; not universal)"));

    public void Validate()
    {
        if (Shards is < 1 or > 1024) throw new ArgumentOutOfRangeException(nameof(Shards), Shards, "Cohort:Shards must be between 1 and 1024");
        if (VisitWindowDays is < 0 or > 180) throw new ArgumentOutOfRangeException(nameof(VisitWindowDays), VisitWindowDays, "Cohort:VisitWindowDays must be between 0 and 180");
        if (ShardCompactionMinimum < 1) throw new ArgumentOutOfRangeException(nameof(ShardCompactionMinimum), ShardCompactionMinimum, "Cohort:ShardCompactionMinimum must be at least 1");
        if (ShardCompactionCheckSeconds is < 1 or > 86_400) throw new ArgumentOutOfRangeException(nameof(ShardCompactionCheckSeconds), ShardCompactionCheckSeconds, "Cohort:ShardCompactionCheckSeconds must be between 1 and 86400 (a day)");
        if (ClientRunnerSilenceSeconds is < MinClientRunnerSilenceSeconds or > 3_600)
            throw new ArgumentOutOfRangeException(nameof(ClientRunnerSilenceSeconds), ClientRunnerSilenceSeconds,
                $"Cohort:ClientRunnerSilenceSeconds must be between {MinClientRunnerSilenceSeconds} (above the runner's keep-alive of 10 s, with room) and 3600 (an hour)");
        if (SuppressionThreshold < 2) throw new ArgumentOutOfRangeException(nameof(SuppressionThreshold), SuppressionThreshold, "Cohort:SuppressionThreshold must be at least 2");
        _ = Evaluation();
        _ = Disclosure.Control(perturbed: true);
    }
}
