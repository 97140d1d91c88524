using System.Buffers;
using Cohort.Contracts.Participants;

namespace Cohort.Ingest.Ingestion;

/// <summary>
/// One row group's participant batches on their way to the shards, with the block row of every batch row (in batch order:
/// <see cref="ParticipantBatches"/>) and where the block's rows came from (<see cref="RowOrigin"/>), so that a row a shard does not
/// take because the run had already given its natural key (<see cref="RunRepeat"/>: from an earlier row group or file) is quarantined
/// at its own row, as the validator's rejections are, and can be read again from its file (<see cref="RunQuarantine"/>). The block rows
/// are in an array from the run's pool, given back once the row group's writes are done (<see cref="Return"/>).
/// </summary>
internal sealed class RowGroupWrite(string file, int rowGroup, List<(string Id, ParticipantBatch Batch)> batches, int input = -1,
    RowOrigin origin = default, int[]? blockRows = null, ArrayPool<int>? pool = null)
{
    private Dictionary<string, (int Start, ParticipantBatch Batch)>? _byParticipant;

    public string File => file;

    /// <summary>The place of the row group's input among the run's (two inputs may have the same file name).</summary>
    public int Input => input;
    public int RowGroup => rowGroup;
    public List<(string Id, ParticipantBatch Batch)> Batches => batches;

    /// <summary>
    /// The batch of <paramref name="participantId"/>, and the block row and source row of its row <paramref name="row"/> (-1 when the
    /// rows were not noted).
    /// </summary>
    public (ParticipantBatch Batch, int BlockRow, long SourceRow) Row(string participantId, int row)
    {
        if (_byParticipant is null)
        {
            // Built when a shard first reports a repeat: a row group of a file without them never needs it.
            _byParticipant = new Dictionary<string, (int, ParticipantBatch)>(batches.Count, StringComparer.Ordinal);
            var start = 0;
            foreach (var (id, batch) in batches)
            {
                _byParticipant[id] = (start, batch);
                start += batch.Observations.Count;
            }
        }
        var (first, b) = _byParticipant[participantId];
        if (blockRows is null) return (b, -1, -1);
        var blockRow = blockRows[first + row];
        return (b, blockRow, origin.Of(blockRow));
    }

    public void Return()
    {
        if (blockRows is not null) pool?.Return(blockRows);
    }
}
