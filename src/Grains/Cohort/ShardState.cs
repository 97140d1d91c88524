using Cohort.Contracts.Cohort;

namespace Cohort.Grains.Cohort;

/// <summary>
/// A shard's participant summaries as columns, in memory and in its persisted blob: one array per field, one float array per metric
/// and visit (NaN when missing). Slots are assigned in arrival order; <see cref="Count"/> are in use. Text columns are
/// dictionary-encoded. A visit that does not exist has day 0.
/// </summary>
[GenerateSerializer]
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
    [Id(10)] public int[][] ObservationsByMarker { get; set; } = [];
    [Id(11)] public ShardVisitColumns Baseline { get; set; } = new();
    [Id(12)] public ShardVisitColumns Latest { get; set; } = new();

    public ShardVisitColumns Visit(VisitSelector v) => v == VisitSelector.Baseline ? Baseline : Latest;
}

[GenerateSerializer]
public sealed class ShardVisitColumns
{
    [Id(0)] public int[] Day { get; set; } = [];
    [Id(1)] public byte[] Category { get; set; } = [];
    [Id(2)] public byte[] Phase { get; set; } = [];
    [Id(3)] public float[][] Metrics { get; set; } = [];
}
