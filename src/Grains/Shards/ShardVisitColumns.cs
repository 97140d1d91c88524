
namespace Cohort.Grains.Shards;

[GenerateSerializer]
[Alias("Cohort.Grains.Shards.ShardVisitColumns")]
public sealed class ShardVisitColumns
{
    [Id(0)] public int[] Day { get; set; } = [];
    [Id(1)] public byte[] Category { get; set; } = [];
    [Id(2)] public byte[] Phase { get; set; } = [];
    /// <summary>
    /// One column per metric position (Cohort.Domain.Markers.MarkerRegistry.PositionOf); a column no participant of the shard has a
    /// value for is empty (read as NaN), so a study marker numbered 128 does not cost 100 unused columns.
    /// </summary>
    [Id(3)] public float[][] Metrics { get; set; } = [];
    /// <summary>Cohort.Domain.Visits.VisitFlags of each participant's visit.</summary>
    [Id(4)] public ushort[] Flags { get; set; } = [];
    /// <summary>Cohort.Domain.Glycaemia.CurveShape of each participant's OGTT at the visit (0 unknown).</summary>
    [Id(5)] public byte[] CurveShape { get; set; } = [];

    /// <summary>The value of a metric at a slot, NaN when the shard holds no column for it or the participant has none.</summary>
    public float Metric(int position, int slot)
    {
        if (position >= Metrics.Length) return float.NaN;
        var column = Metrics[position];
        return slot < column.Length ? column[slot] : float.NaN;
    }
}
