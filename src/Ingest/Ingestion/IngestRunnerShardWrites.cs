using System.Runtime.InteropServices;
using Cohort.Contracts.Queries;

namespace Cohort.Ingest.Ingestion;

/// <summary>
/// How a row group's accepted rows go to the shards: whether the files must be held back (participants recurring across row groups or
/// interleaved within one), the parts a row group is sent in, and the shard writes a part's (or a held release's) batches make.
/// </summary>
public sealed partial class IngestRunner
{
    /// <summary>
    /// Whether a row group shows that the files are not in participant order: more of its participants were in an earlier row group
    /// than a file sorted by participant gives (the one at each boundary), so that the run holds its row groups back from then on
    /// (<see cref="HeldRowGroups"/>).
    /// </summary>
    private static bool Recurs(int recurring, int participants) => recurring > Math.Max(2, participants / 100);

    /// <summary>
    /// Whether a row group shows by itself that the files are not in participant order: its participants' rows come in more stretches
    /// than it has participants (sorted by participant, each one's rows are one stretch), by as much as <see cref="Recurs"/> allows. A
    /// file sorted by time changes participant nearly every row, and is held from its first row group on: waiting for a participant to
    /// recur in the second wrote the first row group's participants twice, once as it came and again with the release.
    /// </summary>
    private static bool Interleaved(List<AcceptedRow> accepted, int participants)
    {
        var rows = CollectionsMarshal.AsSpan(accepted);
        var stretches = rows.Length > 0 ? 1 : 0;
        for (var i = 1; i < rows.Length; i++)
            if (!string.Equals(rows[i].ParticipantId, rows[i - 1].ParticipantId, StringComparison.Ordinal)) stretches++;
        return Recurs(stretches - participants, participants);
    }

    /// <summary>
    /// Accepted rows in one part of a row group at least (a part ends where its last participant's rows do): a row group goes to the
    /// shards in parts, each built into participant batches only as the part before it is taken, so that the batches alive at once do
    /// not grow with the row groups a file was written in. DuckDB writes row groups of about this size, pyarrow of up to a million rows,
    /// Spark of 128 MB; built whole, a large row group's batches outlived several collections and were copied by each (at 100k × 4 in
    /// row groups of 755,000 rows, the collector's log of one pair of runs: pauses of 1.09 s in whole row groups, 0.85 s in parts).
    /// </summary>
    public const int RowsPerPart = 131_072;

    /// <summary>
    /// The row group's accepted rows in parts of at least <paramref name="rowsPerPart"/> rows (the last may have fewer), each ending
    /// where the participant changes, so that a file sorted by participant gives each participant's rows to one part. A row group
    /// without accepted rows is one empty part.
    /// </summary>
    internal static IEnumerable<(int Start, int Count)> Parts(List<AcceptedRow> accepted, int rowsPerPart = RowsPerPart)
    {
        var start = 0;
        for (var i = start + rowsPerPart; i < accepted.Count; i++)
        {
            if (string.Equals(accepted[i].ParticipantId, accepted[i - 1].ParticipantId)) continue;
            yield return (start, i - start);
            start = i;
            i += rowsPerPart - 1;
        }
        if (accepted.Count > start || accepted.Count == 0) yield return (start, accepted.Count - start);
    }

    /// <summary>
    /// Expects each of the row group's participants in the run's commit (<paramref name="expect"/>: false for one the run has written
    /// already); returns how many participants the row group has, and how many of them the run had already.
    /// </summary>
    private static (int Participants, int Recurring) ExpectAll(List<AcceptedRow> accepted, Func<string, bool> expect)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var recurring = 0;
        string? previous = null;
        foreach (ref readonly var row in CollectionsMarshal.AsSpan(accepted))
        {
            if (ReferenceEquals(row.ParticipantId, previous)) continue;
            previous = row.ParticipantId;
            if (seen.Add(previous) && !expect(previous)) recurring++;
        }
        return (seen.Count, recurring);
    }

    /// <summary>Participants in one shard write at most: a row group of millions of rows still goes as messages of a few megabytes.</summary>
    public const int ParticipantsPerWrite = 250;

    /// <summary>
    /// Observations in one shard write at most (but never less than one participant): participants with thousands of results each (a
    /// continuous glucose monitor's readings) still go as messages of a few megabytes. A file of a few visits a participant reaches
    /// <see cref="ParticipantsPerWrite"/> first.
    /// </summary>
    public const int RowsPerWrite = 65_536;

    /// <summary>
    /// A row group's participant batches as shard writes: grouped by shard, at most <see cref="ParticipantsPerWrite"/> participants and
    /// <see cref="RowsPerWrite"/> observations each (a participant with more goes alone), taking the shards in turn (each shard's
    /// first write, then each one's second, ...), so that the writes in flight keep every shard busy and their group commits full;
    /// shard by shard, a large write (row groups held back) kept a few shards busy at a time, each waiting on its own commits. Each
    /// shard's participants go in the order of the store's key (ordinal): in any other order (a file sorted by time, held back and sent
    /// in order of first appearance; pseudonymised ids, in no order at all) every commit changed pages all over the store's key index,
    /// which it wrote whole and read back once its page cache had let them go (a 100k × 4 file sorted by time: a third fewer page
    /// writes and nearly half fewer reads in key order, README). A write names its participants by their place in <paramref name="ids"/>
    /// (whose batches have <paramref name="rowsOf"/> rows), so that a held release's batches are built only as each write is sent.
    /// </summary>
    internal static IEnumerable<(int Shard, int[] Members, long Rows)> ShardWrites(IReadOnlyList<string> ids, Func<int, int> rowsOf, int shards)
    {
        var byShard = Enumerable.Range(0, ids.Count).GroupBy(k => ShardMap.ShardOf(ids[k], shards))
            .Select(g => (g.Key, Writes: Chunks(g.OrderBy(k => ids[k], StringComparer.Ordinal)).ToList())).ToList();
        for (var k = 0; byShard.Any(s => k < s.Writes.Count); k++)
            foreach (var (shard, writes) in byShard)
                if (k < writes.Count) yield return (shard, writes[k].Members, writes[k].Rows);

        IEnumerable<(int[] Members, long Rows)> Chunks(IEnumerable<int> shard)
        {
            var chunk = new List<int>(ParticipantsPerWrite);
            long rows = 0;
            foreach (var k in shard)
            {
                var n = rowsOf(k);
                if (chunk.Count == ParticipantsPerWrite || chunk.Count > 0 && rows + n > RowsPerWrite)
                {
                    yield return ([.. chunk], rows);
                    rows = 0;
                    chunk.Clear();
                }
                chunk.Add(k);
                rows += n;
            }
            if (chunk.Count > 0) yield return ([.. chunk], rows);
        }
    }
}
