namespace Cohort.Ingest.Ingestion;

/// <summary>
/// One row group's accepted rows held back (<see cref="HeldRowGroups"/>), column by column: each row's participant as its slot in the
/// release, its unit spelling as an index into the release's spellings, and its row in its block, with where the block came from.
/// Once the release has built its batches, a part keeps only what traces a batch row back to its own row (<see cref="HeldRowTrace"/>).
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
    public byte[] Marker { get; private set; } = new byte[rows];
    public long[] TakenAt { get; private set; } = new long[rows];
    public short[] OgttMinute { get; private set; } = new short[rows];
    public double[] Value { get; private set; } = new double[rows];
    public double[] RawValue { get; private set; } = new double[rows];
    public int[] Unit { get; private set; } = new int[rows];
    public sbyte[] Fasting { get; private set; } = new sbyte[rows];
    public byte[] Flags { get; private set; } = new byte[rows];

    /// <summary>Drops the rows' values once they are in batches: only the slots and block rows stay, for the trace.</summary>
    public void KeepTraceOnly()
    {
        (Marker, TakenAt, OgttMinute, Value, RawValue, Unit, Fasting, Flags) = ([], [], [], [], [], [], [], []);
    }
}
