namespace Cohort.Ingest.Ingestion;

/// <summary>
/// Observations of one input, row group by row group, in the long shape the validator reads (a wide file is unpivoted into one row
/// per non-empty cell). Opening a source checks its schema; nothing is read before every source of a run has opened.
/// </summary>
public interface IObservationSource : IAsyncDisposable
{
    string File { get; }

    int RowGroups { get; }

    /// <summary>Rows of the file (for a wide file, participant-visit rows, not cells).</summary>
    long Rows { get; }

    /// <summary>The most observation rows reading every row group can give (a wide file: its rows times its mapped columns).</summary>
    long MaxObservations { get; }

    /// <summary>Rows of the file in one row group.</summary>
    long RowsIn(int rowGroup);

    IReadOnlyList<string> ExtraColumns { get; }

    /// <summary>Problems that are reported but not fatal (e.g. a mapped column the file does not have).</summary>
    IReadOnlyList<string> Warnings { get; }

    Task<ObservationBlock> ReadAsync(int rowGroup, long firstRow, CancellationToken ct = default);
}
