namespace Cohort.Ingest.Ingestion;

/// <summary>
/// Where a block's rows came from in their source: consecutive rows from <paramref name="FirstRow"/> (a long file), or a row each
/// (<paramref name="SourceRow"/>: a wide file's cells, a replay's quarantined rows). Small enough to keep after the block is given back.
/// </summary>
public readonly record struct RowOrigin(long FirstRow, long[]? SourceRow)
{
    /// <summary>The source row of the block's row <paramref name="i"/>.</summary>
    public long Of(int i) => SourceRow?[i] ?? FirstRow + i;
}
