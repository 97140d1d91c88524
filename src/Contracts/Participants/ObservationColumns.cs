namespace Cohort.Contracts.Participants;

/// <summary>
/// Observations of one participant, held column by column (compact to send and to store). <see cref="Marker"/> holds the ordinal of
/// Cohort.Domain.Markers.Marker; <see cref="Value"/> is canonical SI, <see cref="RawValue"/> and <see cref="RawUnit"/> (an index into
/// <see cref="UnitSpellings"/>) what the source reported; <see cref="Run"/> indexes <see cref="Runs"/>, the ingest run that supplied
/// the value (lineage). Minute −1 means not part of an OGTT; fasting −1 unknown, 0 no, 1 yes; flag bit 1 means implausible.
/// </summary>
[GenerateSerializer]
[Alias("Cohort.Contracts.Participants.ObservationColumns")]
public sealed class ObservationColumns
{
    [Id(0)] public byte[] Marker { get; set; } = [];
    [Id(1)] public long[] TakenAt { get; set; } = [];
    [Id(2)] public short[] OgttMinute { get; set; } = [];
    [Id(3)] public double[] Value { get; set; } = [];
    [Id(4)] public double[] RawValue { get; set; } = [];
    [Id(5)] public byte[] RawUnit { get; set; } = [];
    [Id(6)] public string[] UnitSpellings { get; set; } = [];
    [Id(7)] public sbyte[] Fasting { get; set; } = [];
    [Id(8)] public byte[] Flags { get; set; } = [];
    [Id(9)] public ushort[] Run { get; set; } = [];
    [Id(10)] public string[] Runs { get; set; } = [];

    public int Count => Marker.Length;

    /// <summary>Columns for <paramref name="n"/> observations, every one from the same runs (their unit spellings set once filled).</summary>
    public static ObservationColumns Sized(int n, string[] runs) => new()
    {
        Marker = new byte[n], TakenAt = new long[n], OgttMinute = new short[n], Value = new double[n], RawValue = new double[n],
        RawUnit = new byte[n], Fasting = new sbyte[n], Flags = new byte[n], Run = new ushort[n], Runs = runs,
    };

    /// <summary>The most unit spellings one participant's columns can name (<see cref="RawUnit"/> is a byte).</summary>
    public const int MaxUnitSpellings = byte.MaxValue + 1;

    public const byte ImplausibleFlag = 1;
}
