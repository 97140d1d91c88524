
namespace Cohort.Grains.Shards;

[GenerateSerializer]
[Alias("Cohort.Grains.Shards.ShardVisitColumns")]
public sealed class ShardVisitColumns
{
    /// <summary>Each participant's visit day (0 when they have no such visit). Stored packed (<see cref="PackedDay"/>).</summary>
    [field: NonSerialized] public int[] Day { get; set; } = [];
    [Id(1)] public byte[] Category { get; set; } = [];
    [Id(2)] public byte[] Phase { get; set; } = [];
    /// <summary>
    /// One column per metric position (Cohort.Domain.Markers.MarkerRegistry.PositionOf); a column no participant of the shard has a
    /// value for is empty (read as NaN), so a study marker numbered 128 does not cost 100 unused columns.
    /// </summary>
    [field: NonSerialized] public float[][] Metrics { get; set; } = [];
    /// <summary>Cohort.Domain.Visits.VisitFlags of each participant's visit.</summary>
    [field: NonSerialized] public ushort[] Flags { get; set; } = [];
    /// <summary>Cohort.Domain.Glycaemia.CurveShape of each participant's OGTT at the visit (0 unknown).</summary>
    [Id(5)] public byte[] CurveShape { get; set; } = [];

    // Stored: the number columns as raw bytes (PackedColumn). Ids 0, 3 and 4 held them as number arrays (bases written before
    // 2 December 2026): still read, never written.
    [Id(0)] public int[]? LegacyDay { get => null; set { if (value is not null) Day = value; } }
    [Id(3)] public float[][]? LegacyMetrics { get => null; set { if (value is not null) Metrics = value; } }
    [Id(4)] public ushort[]? LegacyFlags { get => null; set { if (value is not null) Flags = value; } }
    [Id(6)] public byte[]? PackedDay { get => PackedColumn.Pack(Day); set { if (value is not null) Day = PackedColumn.Unpack<int>(value); } }
    [Id(7)] public byte[][]? PackedMetrics { get => PackedColumn.Pack(Metrics); set { if (value is not null) Metrics = PackedColumn.Unpack<float>(value); } }
    [Id(8)] public byte[]? PackedFlags { get => PackedColumn.Pack(Flags); set { if (value is not null) Flags = PackedColumn.Unpack<ushort>(value); } }

    /// <summary>The value of a metric at a slot, NaN when the shard holds no column for it or the participant has none.</summary>
    public float Metric(int position, int slot)
    {
        if (position >= Metrics.Length) return float.NaN;
        var column = Metrics[position];
        return slot < column.Length ? column[slot] : float.NaN;
    }
}
