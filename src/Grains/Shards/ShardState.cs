using Cohort.Contracts.Queries;

namespace Cohort.Grains.Shards;

/// <summary>
/// A shard's participant summaries as columns, in memory and in its persisted blob: one array per field, and per visit number one
/// float array per metric (NaN when missing). Slots are assigned in arrival order; <see cref="Count"/> are in use. Text columns are
/// dictionary-encoded. A visit that does not exist has day 0. (Ids 11 and 12, the baseline and latest columns of earlier versions,
/// are retired: a shard is rebuilt from its participants by ingesting again.)
/// </summary>
[GenerateSerializer]
[Alias("Cohort.Grains.Shards.ShardState")]
public sealed class ShardState
{
    [Id(0)] public int Count { get; set; }
    [Id(1)] public string[] Ids { get; set; } = [];
    [Id(2)] public byte[] Sex { get; set; } = [];
    [Id(3)] public short[] BirthYear { get; set; } = [];
    [Id(4)] public List<string> Dictionary { get; set; } = [];
    [Id(5)] public ushort[] Ethnicity { get; set; } = [];
    [Id(6)] public ushort[] Site { get; set; } = [];
    [Id(7)] public float[] SurveyWeight { get; set; } = [];
    [Id(8)] public short[] Visits { get; set; } = [];
    [Id(9)] public int[] Observations { get; set; } = [];
    /// <summary>Per marker, each participant's count of observations. Stored packed (<see cref="PackedObservationsByMarker"/>).</summary>
    [field: NonSerialized] public int[][] ObservationsByMarker { get; set; } = [];
    /// <summary>Id 10 held <see cref="ObservationsByMarker"/> as number arrays (bases written before 2 December 2026): read, never written.</summary>
    [Id(10)] public int[][]? LegacyObservationsByMarker { get => null; set { if (value is not null) ObservationsByMarker = value; } }
    [Id(33)]
    public byte[][]? PackedObservationsByMarker
    {
        get => PackedColumn.Pack(ObservationsByMarker);
        set { if (value is not null) ObservationsByMarker = PackedColumn.Unpack<int>(value); }
    }
    /// <summary>Columns of visit 1, 2, … (index = visit number − 1).</summary>
    [Id(13)] public List<ShardVisitColumns> ByVisit { get; set; } = [];
    /// <summary>Phenotype ordinal (Cohort.Domain.Phenotypes.Phenotype), 0 unclassified.</summary>
    [Id(14)] public byte[] Phenotype { get; set; } = [];
    /// <summary>Cluster number (1…k) under <see cref="Model"/>, 0 when not assigned.</summary>
    [Id(15)] public byte[] PhenotypeCluster { get; set; } = [];
    /// <summary>Distance to the assigned centroid (oriented z units), NaN when not assigned.</summary>
    [Id(16)] public float[] PhenotypeDistance { get; set; } = [];
    /// <summary>Distance to the second-nearest centroid minus <see cref="PhenotypeDistance"/> (small = borderline).</summary>
    [Id(17)] public float[] PhenotypeMargin { get; set; } = [];
    /// <summary>Cohort.Phenotyping.Features.FeatureCoverage ordinal under <see cref="Model"/>.</summary>
    [Id(18)] public byte[] PhenotypeCoverage { get; set; } = [];
    /// <summary>The phenotype model the shard assigns with (new and changed participants too), or null before the first fit.</summary>
    [Id(19)] public Contracts.Phenotypes.PhenotypeModel? Model { get; set; }
    /// <summary>Fasting-subsample survey weight of each participant (NaN when none); weights estimates that rest on fasting analytes.</summary>
    [Id(20)] public float[] FastingSurveyWeight { get; set; } = [];
    /// <summary>Each participant's secret record key (cell key method); never exported.</summary>
    [Id(21)] public uint[] RecordKey { get; set; } = [];
    /// <summary>Each participant's survey stratum and PSU as <see cref="Dictionary"/> codes (the empty string when the file gave none).</summary>
    [Id(22)] public ushort[] SurveyStratum { get; set; } = [];
    [Id(23)] public ushort[] SurveyPsu { get; set; } = [];
    /// <summary>The outcome event codes held (Cohort's or the study's), in the order first seen.</summary>
    [Id(24)] public List<string> EventCodes { get; set; } = [];
    /// <summary>Per event code, each participant's first date of that event as a DateOnly day number (0 when none).</summary>
    [Id(25)] public List<int[]> EventFirstDay { get; set; } = [];
    /// <summary>Each participant's latest event date of any kind (day number, 0 when none): with the last visit, their last contact.</summary>
    [Id(26)] public int[] LastEventDay { get; set; } = [];
    /// <summary>Mixtures: the membership probability of the assigned cluster (NaN for k-means or when not assigned).</summary>
    [Id(27)] public float[] PhenotypeProbability { get; set; } = [];
    /// <summary>The rule-based tissue phenotype (Cohort.Domain.Phenotypes.TissueRulePhenotype ordinal) under <see cref="Model"/>'s tertiles.</summary>
    [Id(28)] public byte[] TissueRule { get; set; } = [];

    /// <summary>The epoch (commits made) the published columns are as of.</summary>
    [Id(29)] public long Epoch { get; set; }
    /// <summary>
    /// A run staged in the base by earlier versions (null when none), with its summaries and events: taken up on activation, cleared
    /// at the next base write. Runs now stage in the shard's log (ShardLog) instead.
    /// </summary>
    [Id(30)] public string? StagedRun { get; set; }
    [Id(31)] public List<ParticipantSummary> StagedSummaries { get; set; } = [];
    [Id(32)] public List<Contracts.Outcomes.EventRows> StagedEvents { get; set; } = [];

    /// <summary>
    /// Decided runs' participants the shard had not yet settled when it wrote this base, oldest run first: taken up on activation, so
    /// that a stop does not leave a corrected participant stored twice until their next write. Settling one already settled changes
    /// nothing, so entries settled after the base was written are harmless until the next base drops them.
    /// </summary>
    [Id(34)] public List<UnsettledRun> Unsettled { get; set; } = [];

    /// <summary>The index into <see cref="ByVisit"/> of a participant's chosen visit, or −1 when it has no such visit.</summary>
    public int VisitIndex(int slot, VisitChoice choice) => choice.Kind switch
    {
        VisitKind.Baseline => Visits[slot] > 0 ? 0 : -1,
        VisitKind.Latest => Visits[slot] - 1,
        VisitKind.FirstOgtt => FirstOgtt(slot),
        _ => choice.Number >= 1 && choice.Number <= Visits[slot] ? choice.Number - 1 : -1,
    };

    private static readonly int TwoHourGlucose = Domain.Metrics.MetricCatalogue.PositionOf("glucose_2h");

    private int FirstOgtt(int slot)
    {
        for (var k = 0; k < Visits[slot] && k < ByVisit.Count; k++)
            if (!float.IsNaN(ByVisit[k].Metric(TwoHourGlucose, slot))) return k;
        return -1;
    }
}
