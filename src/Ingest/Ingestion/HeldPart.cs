namespace Cohort.Ingest.Ingestion;

/// <summary>
/// One row group's accepted rows held back (<see cref="HeldRowGroups"/>), column by column: each row's participant as its slot in the
/// release, its unit spelling as an index into the release's spellings, and its row in its block, with where the block came from.
/// A part keeps its rows until its release is written: batches are built from them as their writes are sent (<see cref="HeldRelease"/>).
/// </summary>
internal sealed class HeldPart(string file, int rowGroup, int input, RowOrigin origin, int rows)
{
    public string File => file;
    public int RowGroup => rowGroup;
    public int Input => input;
    public RowOrigin Origin => origin;
    public int Rows => rows;

    public int[] Slot { get; } = new int[rows];
    public int[] BlockRow { get; } = new int[rows];
    public byte[] Marker { get; } = new byte[rows];
    public long[] TakenAt { get; } = new long[rows];
    public short[] OgttMinute { get; } = new short[rows];
    public double[] Value { get; } = new double[rows];
    public double[] RawValue { get; } = new double[rows];
    public int[] Unit { get; } = new int[rows];
    public sbyte[] Fasting { get; } = new sbyte[rows];
    public byte[] Flags { get; } = new byte[rows];
}
