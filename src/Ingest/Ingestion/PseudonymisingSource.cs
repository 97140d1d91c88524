
namespace Cohort.Ingest.Ingestion;

/// <summary>A source whose participant ids are pseudonymised as each row group is read.</summary>
internal sealed class PseudonymisingSource(IObservationSource inner, PseudonymCache pseudonyms) : IObservationSource
{
    public string File => inner.File;
    public int RowGroups => inner.RowGroups;
    public long Rows => inner.Rows;
    public long MaxObservations => inner.MaxObservations;
    public long RowsIn(int rowGroup) => inner.RowsIn(rowGroup);
    public IReadOnlyList<string> ExtraColumns => inner.ExtraColumns;
    public IReadOnlyList<string> Warnings => inner.Warnings;

    public async Task<ObservationBlock> ReadAsync(int rowGroup, long firstRow, CancellationToken ct = default)
    {
        var block = await inner.ReadAsync(rowGroup, firstRow, ct);
        try
        {
            await pseudonyms.ReplaceAsync(block.ParticipantId, block.Count);
            return block;
        }
        catch
        {
            block.Return();
            throw;
        }
    }

    public ValueTask DisposeAsync() => inner.DisposeAsync();
}
