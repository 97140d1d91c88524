using System.Buffers;
using Cohort.Contracts.Participants;

namespace Cohort.Ingest.Ingestion;

/// <summary>
/// One row group's participant batches on their way to the shards (or a part's of them: <see cref="IngestRunner.RowsPerPart"/>),
/// with the block row of every batch row (in batch order: <see cref="ParticipantBatches"/>) and where the block's rows came from
/// (<see cref="RowOrigin"/>), so that a row a shard does not take because the run had already given its natural key
/// (<see cref="RunRepeat"/>: from an earlier row group or file) is quarantined at its own row, as the validator's rejections are,
/// and can be read again from its file (<see cref="RunQuarantine"/>). The block rows are in an array from the run's pool, given
/// back once the row group's writes are done (<see cref="Return"/>). Several row groups held back and sent at once
/// (<see cref="HeldRowGroups.Release"/>) are one write with each participant's rows from all of them in one batch, built as its
/// shard write is sent, each row still traced to its own row group (<see cref="HeldRelease"/>).
/// </summary>
internal sealed class RowGroupWrite
{
    private readonly string _file;
    private readonly int _rowGroup, _input;
    private readonly List<(string Id, ParticipantBatch Batch)>? _batches;
    private readonly HeldRelease? _release;
    private readonly RowOrigin _origin;
    private readonly int[]? _blockRows;
    private readonly ArrayPool<int>? _pool;
    private Dictionary<string, (int Start, ParticipantBatch Batch)>? _byParticipant;
    private readonly TaskCompletionSource _written = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public RowGroupWrite(string file, int rowGroup, List<(string Id, ParticipantBatch Batch)> batches, int input = -1,
        RowOrigin origin = default, int[]? blockRows = null, ArrayPool<int>? pool = null)
    {
        (_file, _rowGroup, _batches, _input, _origin, _blockRows, _pool) = (file, rowGroup, batches, input, origin, blockRows, pool);
        Ids = batches.ConvertAll(b => b.Id);
        Rows = batches.Sum(b => (long)b.Batch.Observations.Count);
    }

    /// <summary>Row groups held back and sent together: their batches are built as their writes are sent.</summary>
    public RowGroupWrite(HeldRelease release)
    {
        (_file, _rowGroup, _input, _release) = (release.File, -1, -1, release);
        Ids = release.Ids;
        Rows = release.Rows;
    }

    /// <summary>Whether this is row groups held back and sent together (<see cref="HeldRowGroups.Release"/>).</summary>
    public bool Held => _release is not null;

    /// <summary>Done once the write stage has written every batch and given the write back (<see cref="Return"/>).</summary>
    public Task Written => _written.Task;

    public string File => _file;

    /// <summary>The place of the row group's input among the run's (two inputs may have the same file name).</summary>
    public int Input => _input;

    public int RowGroup => _rowGroup;

    /// <summary>The participants, each once; a participant's batch is <see cref="Batch"/> of their place here.</summary>
    public IReadOnlyList<string> Ids { get; }

    /// <summary>The rows of the <paramref name="k"/>th participant's batch.</summary>
    public int RowsOf(int k) => _release?.RowsOf(k) ?? _batches![k].Batch.Observations.Count;

    /// <summary>The <paramref name="k"/>th participant's batch (a held release builds it now; safe from several threads at once).</summary>
    public ParticipantBatch Batch(int k) => _release?.Batch(k) ?? _batches![k].Batch;

    /// <summary>The rows a batch holds, over every participant (what a held write counts towards its bound).</summary>
    public long Rows { get; }

    /// <summary>
    /// Where row <paramref name="row"/> of <paramref name="participantId"/>'s batch came from: the row group's own batch and the row in
    /// it, its block row and source row (-1 when the rows were not noted), and its file, row group and input.
    /// </summary>
    public (ParticipantBatch Batch, int Row, int BlockRow, long SourceRow, string File, int RowGroup, int Input) Row(string participantId, int row)
    {
        if (_release is not null) return _release.Row(participantId, row);
        if (_byParticipant is null)
        {
            // Built when a shard first reports a repeat: a row group of a file without them never needs it.
            _byParticipant = new Dictionary<string, (int, ParticipantBatch)>(_batches!.Count, StringComparer.Ordinal);
            var start = 0;
            foreach (var (id, batch) in _batches)
            {
                _byParticipant[id] = (start, batch);
                start += batch.Observations.Count;
            }
        }
        var (first, b) = _byParticipant[participantId];
        var (blockRow, sourceRow) = Source(first + row);
        return (b, row, blockRow, sourceRow, _file, _rowGroup, _input);
    }

    /// <summary>The block row and source row of the <paramref name="k"/>th batch row, in batch order (-1 when not noted).</summary>
    private (int BlockRow, long SourceRow) Source(int k) => _blockRows is null ? (-1, -1) : (_blockRows[k], _origin.Of(_blockRows[k]));

    public void Return()
    {
        if (_blockRows is not null) _pool?.Return(_blockRows);
        _written.TrySetResult();
    }
}
