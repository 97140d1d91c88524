using System.Buffers;
using Cohort.Contracts.Participants;

namespace Cohort.Ingest.Ingestion;

/// <summary>
/// One row group's participant batches on their way to the shards, with the block row of every batch row (in batch order:
/// <see cref="ParticipantBatches"/>) and where the block's rows came from (<see cref="RowOrigin"/>), so that a row a shard does not
/// take because the run had already given its natural key (<see cref="RunRepeat"/>: from an earlier row group or file) is quarantined
/// at its own row, as the validator's rejections are, and can be read again from its file (<see cref="RunQuarantine"/>). The block rows
/// are in an array from the run's pool, given back once the row group's writes are done (<see cref="Return"/>). Several row groups held
/// back and sent at once (<see cref="HeldRowGroups.Release"/>) are one write with each participant's rows from all of them in one
/// batch, each row still traced to its own row group (<see cref="HeldRowTrace"/>).
/// </summary>
internal sealed class RowGroupWrite(string file, int rowGroup, List<(string Id, ParticipantBatch Batch)> batches, int input = -1,
    RowOrigin origin = default, int[]? blockRows = null, ArrayPool<int>? pool = null, HeldRowTrace? trace = null)
{
    private Dictionary<string, (int Start, ParticipantBatch Batch)>? _byParticipant;

    private readonly TaskCompletionSource _written = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Whether this is row groups held back and sent together (<see cref="HeldRowGroups.Release"/>).</summary>
    public bool Held => trace is not null;

    /// <summary>Done once the write stage has written every batch and given the write back (<see cref="Return"/>).</summary>
    public Task Written => _written.Task;

    public string File => file;

    /// <summary>The place of the row group's input among the run's (two inputs may have the same file name).</summary>
    public int Input => input;
    public int RowGroup => rowGroup;
    public List<(string Id, ParticipantBatch Batch)> Batches => batches;

    /// <summary>The rows a batch holds, over every participant (what a held write counts towards its bound).</summary>
    public long Rows { get; } = batches.Sum(b => (long)b.Batch.Observations.Count);

    /// <summary>
    /// Where row <paramref name="row"/> of <paramref name="participantId"/>'s batch came from: the row group's own batch and the row in
    /// it, its block row and source row (-1 when the rows were not noted), and its file, row group and input.
    /// </summary>
    public (ParticipantBatch Batch, int Row, int BlockRow, long SourceRow, string File, int RowGroup, int Input) Row(string participantId, int row)
    {
        if (trace is not null) return trace.Row(participantId, row);
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
        var (blockRow, sourceRow) = Source(first + row);
        return (b, row, blockRow, sourceRow, file, rowGroup, input);
    }

    /// <summary>The block row and source row of the <paramref name="k"/>th batch row, in batch order (-1 when not noted).</summary>
    private (int BlockRow, long SourceRow) Source(int k) => blockRows is null ? (-1, -1) : (blockRows[k], origin.Of(blockRows[k]));

    public void Return()
    {
        if (blockRows is not null) pool?.Return(blockRows);
        _written.TrySetResult();
    }
}
