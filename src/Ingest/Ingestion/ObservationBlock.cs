namespace Cohort.Ingest.Ingestion;

/// <summary>
/// The rows of one row group of a long-layout file, as read (before validation). Its columns may be longer than <see cref="Count"/>
/// when they were rented (<see cref="Rent"/>): a row group holds hundreds of thousands of rows, and arrays that size allocated anew
/// for each one filled the large-object heap and forced a full collection every row group or two.
/// </summary>
public sealed record ObservationBlock
{
    public required string File { get; init; }
    public required int RowGroup { get; init; }
    public required long FirstRow { get; init; }
    public required string?[] ParticipantId { get; init; }
    public required DateTime?[] TakenAt { get; init; }
    public required string?[] Marker { get; init; }
    public required double?[] Value { get; init; }
    public required string?[] Unit { get; init; }
    public required int?[] OgttMinute { get; init; }
    public required bool?[] Fasting { get; init; }

    private readonly int? _count;

    /// <summary>Rows in the block: the columns' length unless given.</summary>
    public int Count { get => _count ?? ParticipantId.Length; init => _count = value; }

    /// <summary>The reader's pools the columns were rented from (<see cref="Rent"/>), to go back with <see cref="Return"/>; null when not rented.</summary>
    private ReadBuffers? _buffers;

    /// <summary>
    /// A block of <paramref name="n"/> rows whose columns are rented from a reader's <paramref name="buffers"/>, to be filled by the
    /// reader and returned once used.
    /// </summary>
    public static ObservationBlock Rent(string file, int rowGroup, long firstRow, int n, ReadBuffers buffers) => new()
    {
        File = file, RowGroup = rowGroup, FirstRow = firstRow, Count = n, _buffers = buffers,
        ParticipantId = ReadBuffers.Of<string?>(buffers).Rent(n), TakenAt = ReadBuffers.Of<DateTime?>(buffers).Rent(n),
        Marker = ReadBuffers.Of<string?>(buffers).Rent(n), Value = ReadBuffers.Of<double?>(buffers).Rent(n),
        Unit = ReadBuffers.Of<string?>(buffers).Rent(n), OgttMinute = ReadBuffers.Of<int?>(buffers).Rent(n),
        Fasting = ReadBuffers.Of<bool?>(buffers).Rent(n),
    };

    /// <summary>
    /// Gives rented columns back (nothing for a block that was not rented). The block must not be read afterwards; strings taken from
    /// it (ids in accepted rows, the quarantine's raw rows) stay valid.
    /// </summary>
    public void Return()
    {
        if (_buffers is null) return;
        ReadBuffers.Of<string?>(_buffers).Return(ParticipantId, clearArray: true);
        ReadBuffers.Of<DateTime?>(_buffers).Return(TakenAt);
        ReadBuffers.Of<string?>(_buffers).Return(Marker, clearArray: true);
        ReadBuffers.Of<double?>(_buffers).Return(Value);
        ReadBuffers.Of<string?>(_buffers).Return(Unit, clearArray: true);
        ReadBuffers.Of<int?>(_buffers).Return(OgttMinute);
        ReadBuffers.Of<bool?>(_buffers).Return(Fasting);
    }

    /// <summary>For a wide file: the column each row (cell) came from, kept with quarantined rows so that a replay can re-map it.</summary>
    public string?[]? SourceColumn { get; init; }

    /// <summary>For a wide file: the row of the file each cell came from (the block's rows are cells).</summary>
    public long[]? SourceRow { get; init; }

    /// <summary>The row of the source that row <paramref name="i"/> came from (a wide file's cells share their row).</summary>
    public long SourceRowOf(int i) => Origin.Of(i);

    /// <summary>What the rows' source rows are known from (<see cref="SourceRowOf"/>), to be kept once the block is given back.</summary>
    public RowOrigin Origin => new(FirstRow, SourceRow);

    /// <summary>Row <paramref name="i"/> as read, for the quarantine (<see cref="RawRow"/>).</summary>
    public IReadOnlyDictionary<string, string?> Raw(int i) =>
        RawRow(ParticipantId[i], TakenAt[i], Marker[i], Value[i], Unit[i], OgttMinute[i], Fasting[i], SourceColumn?[i]);

    /// <summary>
    /// A quarantined row's raw values, in the columns and text forms <see cref="QuarantineExport"/> writes and
    /// <see cref="QuarantineSource"/> reads back.
    /// </summary>
    public static IReadOnlyDictionary<string, string?> RawRow(string? participantId, DateTime? takenAt, string? marker, double? value, string? unit,
        int? ogttMinute, bool? fasting, string? column) => new Dictionary<string, string?>
        {
            ["participant_id"] = participantId,
            ["taken_at"] = takenAt?.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture),
            ["marker"] = marker,
            ["value"] = value?.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
            ["unit"] = unit,
            ["ogtt_minute"] = ogttMinute?.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["fasting"] = fasting?.ToString(),
            ["column"] = column,
        };
}
