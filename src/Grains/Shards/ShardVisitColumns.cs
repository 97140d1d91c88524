
namespace Cohort.Grains.Shards;

[GenerateSerializer]
[Alias("Cohort.Grains.Shards.ShardVisitColumns")]
public sealed class ShardVisitColumns
{
    [Id(0)] public int[] Day { get; set; } = [];
    [Id(1)] public byte[] Category { get; set; } = [];
    [Id(2)] public byte[] Phase { get; set; } = [];
    [Id(3)] public float[][] Metrics { get; set; } = [];
    /// <summary>Cohort.Domain.Visits.VisitFlags of each participant's visit.</summary>
    [Id(4)] public ushort[] Flags { get; set; } = [];
}
