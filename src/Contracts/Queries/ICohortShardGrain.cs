using Cohort.Contracts.Access;
namespace Cohort.Contracts.Queries;

/// <summary>
/// One shard (key 0..S−1) of the cohort's participant summaries, held in memory as columns and persisted as a base blob and a log of
/// the runs staged and applied since.
/// Participants map to shards by a stable hash of their id.
/// </summary>
[Requires(Role.Epidemiologist)] // shard partials are unsuppressed
[Alias("Cohort.Contracts.Queries.ICohortShardGrain")]
public interface ICohortShardGrain : IGrainWithIntegerKey
{
    /// <summary>
    /// Writes an open run's batches for participants of this shard (each at most once per call): merged into their stored series,
    /// and their summaries appended to the shard's log, durable before it answers, and staged as of the run, so that reads and queries see none of it until the run's commit (a later
    /// batch of the same participant in the same run replaces their staged summary). The shard is its participants' single writer.
    /// </summary>
    [Requires(Role.Engineer)]
    [ResponseTimeout("00:02:00")]
    [Alias("Write")]
    Task<Participants.MergeResult> Write(string runId, Participants.ParticipantWrite[] participants);

    /// <summary>Stages outcome events of an open run (checked with <see cref="CheckEvents"/> first); applied at the run's publication.</summary>
    [Requires(Role.Engineer)]
    [Alias("StageEvents")]
    Task StageEvents(string runId, Outcomes.EventRows rows);

    /// <summary>
    /// Confirms that what the run staged here is held (and durable, since every write call's log segment was stored before it
    /// answered); the runner commits only after every shard has prepared. Refuses with
    /// <see cref="Ingest.RunNotOpenException"/> unless the shard holds <paramref name="expected"/> items (participants and event rows)
    /// of the run: staging lost with a silo must not commit as an under-count.
    /// </summary>
    [Requires(Role.Engineer)]
    [ResponseTimeout("00:10:00")] // a shard busy with a long write or compaction answers after it
    [Alias("Prepare")]
    Task Prepare(string runId, int expected);

    /// <summary>
    /// Applies a committed run's staged data (when the shard holds it) and moves the shard to the commit's epoch; returns what its events
    /// did. A shard that misses this call catches up at its next query or activation from the commit record.
    /// </summary>
    [Requires(Role.Engineer)]
    [Alias("Publish")]
    Task<Outcomes.EventMerge> Publish(string runId, long epoch);

    /// <summary>The distribution of a metric (MetricCatalogue position) per stratum of the query.</summary>
    [Alias("Distribution")]
    Task<StrataDistribution> Distribution(CohortQuery query, int metric);

    /// <summary>Cases of a condition and participants, by age and stratum; survey-design sums by band of the named standard population.</summary>
    [Alias("PrevalenceByStandard")]
    Task<StrataCounts> Prevalence(CohortQuery query, Condition condition, string standard);

    /// <summary>Visits each registry cut-off (by id) applies to and those it calls insulin resistant, per stratum.</summary>
    [Alias("HomaIrCutoffs")]
    Task<CutoffCounts> HomaIrCutoffs(CohortQuery query, string[] cutoffIds);

    /// <summary>The rows local cut-off derivation needs (internal to the query grain; never released).</summary>
    [Alias("ReferenceRows")]
    Task<ReferenceRow[]> ReferenceRows(CohortQuery query);

    /// <summary>Phase or category transitions from one visit to another, per phenotype.</summary>
    [Alias("Transitions")]
    Task<TransitionCounts> Transitions(CohortQuery query, VisitChoice from, VisitChoice to, TransitionKind kind);

    [Alias("Overview")]
    Task<ShardOverview> Overview();

    /// <summary>Raw values of the given metrics (MetricCatalogue positions) at each participant's chosen visit, for a phenotype fit.</summary>
    [Alias("PhenotypeFeatures")]
    Task<Phenotypes.PhenotypeFeatureBlock> PhenotypeFeatures(VisitChoice visit, int[] metrics);

    /// <summary>Stores the model and assigns every participant with it (participants arriving later too); returns the counts.</summary>
    [Alias("ApplyPhenotypeModel")]
    Task<Phenotypes.PhenotypeAssignmentCounts> ApplyPhenotypeModel(Phenotypes.PhenotypeModel model);

    /// <summary>Counts under the shard's current model (null before any model).</summary>
    [Alias("PhenotypeCounts")]
    Task<Phenotypes.PhenotypeAssignmentCounts?> PhenotypeCounts();

    /// <summary>Contingency (a.K × b.K, row-major) of cluster numbers of the participants both models assign.</summary>
    [Alias("ComparePhenotypeModels")]
    Task<long[]> ComparePhenotypeModels(Phenotypes.PhenotypeModel a, Phenotypes.PhenotypeModel b);

    /// <summary>Participants per (stratum of the query, phenotype ordinal) for phenotype × phase or × stratum tables.</summary>
    [Alias("PhenotypeTable")]
    Task<StrataPhenotypeCounts> PhenotypeTable(CohortQuery query);

    /// <summary>
    /// Participant-level rows of every visit of the participants the filter keeps (visit-free filters: sex, age band, ethnicity, site,
    /// phenotype), in participant-id order. Refused with <see cref="ExportRefusedException"/> unless the silo enables exports.
    /// </summary>
    [Alias("Export")]
    Task<ExportChunk> Export(CohortQuery query);

    /// <summary>
    /// Writes the shard's base blob if the log holds runs it lacks, deletes the log segments no restart needs, and settles the stored
    /// states of decided runs' participants that still hold a change pending (those this activation knows of: the list is kept in
    /// memory, and what a stop leaves is settled at each participant's next write). Fails, naming the run, when a slice of them cannot
    /// be settled; a slice that has failed three times is given up and left to its participants' next writes.
    /// </summary>
    [Requires(Role.Engineer)]
    [ResponseTimeout("00:10:00")]
    [Alias("Flush")]
    Task Flush();

    /// <summary>Checks outcome events against the shard's participants (known, not dated before birth) without storing them.</summary>
    [Access.Requires(Access.Role.Engineer)]
    [Alias("CheckEvents")]
    Task<Outcomes.EventRejection[]> CheckEvents(Outcomes.EventRows rows);

    /// <summary>Follow-up for an event from each participant's baseline visit, per stratum of the query.</summary>
    [Alias("Outcomes")]
    Task<Outcomes.OutcomePartial> Outcomes(CohortQuery query, string eventCode);
}
