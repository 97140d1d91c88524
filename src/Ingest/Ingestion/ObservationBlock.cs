using System.Buffers;

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

    /// <summary>Whether the columns came from <see cref="ArrayPool{T}.Shared"/>, to go back with <see cref="Return"/>.</summary>
    public bool Rented { get; private init; }

    /// <summary>A block of <paramref name="n"/> rows whose columns are rented, to be filled by a reader and returned once used.</summary>
    public static ObservationBlock Rent(string file, int rowGroup, long firstRow, int n) => new()
    {
        File = file, RowGroup = rowGroup, FirstRow = firstRow, Count = n, Rented = true,
        ParticipantId = ArrayPool<string?>.Shared.Rent(n), TakenAt = ArrayPool<DateTime?>.Shared.Rent(n),
        Marker = ArrayPool<string?>.Shared.Rent(n), Value = ArrayPool<double?>.Shared.Rent(n), Unit = ArrayPool<string?>.Shared.Rent(n),
        OgttMinute = ArrayPool<int?>.Shared.Rent(n), Fasting = ArrayPool<bool?>.Shared.Rent(n),
    };

    /// <summary>
    /// Gives rented columns back (nothing for a block that was not rented). The block, and any copy of it made with <c>with</c>, must
    /// not be read afterwards; strings taken from it (ids in accepted rows, the quarantine's raw rows) stay valid.
    /// </summary>
    public void Return()
    {
        if (!Rented) return;
        ArrayPool<string?>.Shared.Return(ParticipantId, clearArray: true);
        ArrayPool<DateTime?>.Shared.Return(TakenAt);
        ArrayPool<string?>.Shared.Return(Marker, clearArray: true);
        ArrayPool<double?>.Shared.Return(Value);
        ArrayPool<string?>.Shared.Return(Unit, clearArray: true);
        ArrayPool<int?>.Shared.Return(OgttMinute);
        ArrayPool<bool?>.Shared.Return(Fasting);
    }

    /// <summary>For a wide file: the column each row (cell) came from, kept with quarantined rows so that a replay can re-map it.</summary>
    public string?[]? SourceColumn { get; init; }

    /// <summary>For a wide file: the row of the file each cell came from (the block's rows are cells).</summary>
    public long[]? SourceRow { get; init; }

    public IReadOnlyDictionary<string, string?> Raw(int i) => new Dictionary<string, string?>
    {
        ["participant_id"] = ParticipantId[i],
        ["taken_at"] = TakenAt[i]?.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture),
        ["marker"] = Marker[i],
        ["value"] = Value[i]?.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
        ["unit"] = Unit[i],
        ["ogtt_minute"] = OgttMinute[i]?.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["fasting"] = Fasting[i]?.ToString(),
        ["column"] = SourceColumn?[i],
    };
}
