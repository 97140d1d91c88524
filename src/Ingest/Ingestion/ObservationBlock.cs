namespace Cohort.Ingest.Ingestion;

/// <summary>The rows of one row group of a long-layout file, as read (before validation).</summary>
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

    public int Count => ParticipantId.Length;

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
