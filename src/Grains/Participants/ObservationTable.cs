using Cohort.Contracts.Participants;
using Cohort.Domain.Markers;
using Cohort.Domain.Units;
using Cohort.Domain.Visits;

namespace Cohort.Grains.Participants;

/// <summary>
/// A working copy of a participant's <see cref="ObservationColumns"/> for merging: natural key (marker, taken_at, OGTT minute)
/// lookup, in-place corrections, appends, and re-conversion when the conversion factors change. The key index is built only when a
/// merge meets rows already held: the first batch of a new participant (every ingest's commonest case) is taken as it comes, and
/// a participant read from storage without a merge never builds it.
/// The table works on the columns it was given (stored ones, or a new participant's first batch) and copies them only when it first
/// changes them (a correction, an added row, new conversion factors), so that reading a participant, storing a new one, or merging
/// rows it already holds copies no observation (<see cref="ToColumns"/>).
/// </summary>
internal sealed class ObservationTable
{
    private byte[] _marker;
    private long[] _takenAt;
    private short[] _minute;
    private double[] _value;
    private double[] _raw;
    private byte[] _unit;
    private sbyte[] _fasting;
    private byte[] _flags;
    private ushort[] _run;
    private readonly List<string> _spellings = [];
    private readonly List<string> _runs = [];
    private int _count;
    /// <summary>The arrays are someone else's (stored columns or a batch): copied before the first change.</summary>
    private bool _borrowed;
    private Dictionary<(byte, long, short), int>? _index;

    public ObservationTable(ObservationColumns c)
    {
        Borrow(c);
        _runs.AddRange(c.Runs);
    }

    [System.Diagnostics.CodeAnalysis.MemberNotNull(nameof(_marker), nameof(_takenAt), nameof(_minute), nameof(_value), nameof(_raw),
        nameof(_unit), nameof(_fasting), nameof(_flags), nameof(_run))]
    private void Borrow(ObservationColumns c)
    {
        (_marker, _takenAt, _minute, _value, _raw) = (c.Marker, c.TakenAt, c.OgttMinute, c.Value, c.RawValue);
        (_unit, _fasting, _flags, _run) = (c.RawUnit, c.Fasting, c.Flags, c.Run);
        (_count, _borrowed) = (c.Count, true);
        _spellings.AddRange(c.UnitSpellings);
        foreach (var m in c.Marker) MaxMarker = Math.Max(MaxMarker, m);
    }

    public int Count => _count;

    /// <summary>Makes the arrays this table's own, with room for <paramref name="n"/> rows.</summary>
    private void Reserve(int n)
    {
        if (!_borrowed && n <= _marker.Length) return;
        var capacity = Math.Max(n, _borrowed ? _count : 2 * _marker.Length);
        _marker = Grown(_marker); _takenAt = Grown(_takenAt); _minute = Grown(_minute); _value = Grown(_value); _raw = Grown(_raw);
        _unit = Grown(_unit); _fasting = Grown(_fasting); _flags = Grown(_flags); _run = Grown(_run);
        _borrowed = false;
        _index?.EnsureCapacity(n);

        T[] Grown<T>(T[] a)
        {
            var b = new T[capacity];
            Array.Copy(a, b, _count);
            return b;
        }
    }

    /// <summary>The natural-key index over the rows held (a later row of the same key wins, as stored rows are unique).</summary>
    private Dictionary<(byte, long, short), int> Index()
    {
        if (_index is not null) return _index;
        _index = new Dictionary<(byte, long, short), int>(_count);
        for (var j = 0; j < _count; j++) _index[(_marker[j], _takenAt[j], _minute[j])] = j;
        return _index;
    }

    /// <summary>
    /// Merges an incoming batch; returns how many were added, changed (a correction) or already present, and the rows not taken because
    /// <paramref name="runId"/> itself had already given their natural key (an earlier row group or file of the run: the first stands,
    /// as within a row group, where the validator rejects the repeat; null when there were none). The run's own are the rows it added
    /// or changed, and those it gave as already stored: those keep the run that stored them (no state is rewritten for them), so the
    /// caller keeps them for the rest of the run as a bitmap over this table's rows (<paramref name="given"/> in, the bitmap with this
    /// batch's unchanged rows added out; rows are only appended or changed in place during a run, so the indices hold). A batch holds each natural key once,
    /// so a batch for an empty table is taken whole, without lookups or copies (its arrays are shared until this table changes them; a
    /// batch is immutable). A batch that <paramref name="mayRepeat"/> (several row groups' rows at once) is looked up row by row even
    /// for an empty table, so that its own later rows of a key are repeats, as they would be in separate merges.
    /// </summary>
    public (int Added, int Changed, int Unchanged, List<(int Row, bool Same, double KeptValue, string KeptUnit)>? Repeats, ulong[]? Given) Merge(ObservationColumns batch,
        string runId, ulong[]? given = null, bool mayRepeat = false)
    {
        CheckShape(batch, runId);
        if (!mayRepeat && _count == 0 && _index is null && _runs.Count == 0 && _spellings.Count == 0)
        {
            Borrow(batch);
            // Every row is this run's: the batch's own run column is not relied on.
            _run = new ushort[batch.Count];
            _runs.Add(runId);
            return (batch.Count, 0, 0, null, given);
        }
        int added = 0, changed = 0, unchanged = 0;
        List<(int, bool, double, string)>? repeats = null;
        var givenCopied = false;
        var fresh = _count == 0 && _index is null;
        var run = (ushort)Intern(_runs, runId, ushort.MaxValue, "runs");
        // The batch's unit spellings as this table's, each interned once when first needed.
        var units = new int[batch.UnitSpellings.Length];
        Array.Fill(units, -1);
        var index = fresh && !mayRepeat ? null : Index();
        for (var i = 0; i < batch.Count; i++)
        {
            var key = (batch.Marker[i], batch.TakenAt[i], batch.OgttMinute[i]);
            if (index is not null && index.TryGetValue(key, out var j))
            {
                var sameValue = _raw[j].Equals(batch.RawValue[i]) && _spellings[_unit[j]] == batch.UnitSpellings[batch.RawUnit[i]];
                if ((j < _run.Length && _run[j] == run) || Given(given, j))
                {
                    // As the validator within a row group: the same value and unit is a duplicate, another a conflict.
                    (repeats ??= []).Add((i, sameValue, _raw[j], _spellings[_unit[j]]));
                    continue;
                }
                if (sameValue && _fasting[j] == batch.Fasting[i])
                {
                    given = Give(given, ref givenCopied, j);
                    unchanged++;
                    continue;
                }
                Writable(batch.Count - i, appending: false);
                Set(j, batch, i, Unit(batch, i, units), run);
                changed++;
                continue;
            }
            Writable(batch.Count - i, appending: true);
            var k = _count++;
            if (index is not null) index[key] = k;
            MaxMarker = Math.Max(MaxMarker, key.Item1);
            (_marker[k], _takenAt[k], _minute[k]) = key;
            (_value[k], _raw[k], _unit[k], _fasting[k]) = (batch.Value[i], batch.RawValue[i], Unit(batch, i, units), batch.Fasting[i]);
            (_flags[k], _run[k]) = (batch.Flags[i], run);
            added++;
        }
        return (added, changed, unchanged, repeats, given);
    }

    private static bool Given(ulong[]? given, int row) => given is not null && row >> 6 < given.Length && (given[row >> 6] & (1UL << (row & 63))) != 0;

    /// <summary>
    /// Marks <paramref name="row"/> in the bitmap; the caller's is copied first (once a merge, with room for every row), never changed,
    /// so that a merge whose write does not land leaves it as it was.
    /// </summary>
    private ulong[] Give(ulong[]? given, ref bool copied, int row)
    {
        if (!copied || row >> 6 >= given!.Length)
        {
            var grown = new ulong[Math.Max((Math.Max(_count, _marker.Length) + 63) >> 6, (row >> 6) + 1)];
            given?.CopyTo(grown, 0);
            (given, copied) = (grown, true);
        }
        given[row >> 6] |= 1UL << (row & 63);
        return given;
    }

    /// <summary>Makes the arrays this table's own before its first change (with room for <paramref name="rows"/> more), or grows them for an append.</summary>
    private void Writable(int rows, bool appending)
    {
        if (_borrowed || (appending && _count == _marker.Length)) Reserve(_count + rows);
    }

    /// <summary>A batch's columns are as long as it has rows, and its units name its spellings (a batch may come from a grain call).</summary>
    private static void CheckShape(ObservationColumns batch, string runId)
    {
        var n = batch.Count;
        Same(batch.TakenAt.Length, "taken_at");
        Same(batch.OgttMinute.Length, "ogtt_minute");
        Same(batch.Value.Length, "value");
        Same(batch.RawValue.Length, "raw value");
        Same(batch.RawUnit.Length, "raw unit");
        Same(batch.Fasting.Length, "fasting");
        Same(batch.Flags.Length, "flags");
        Same(batch.Run.Length, "run");
        foreach (var u in batch.RawUnit)
            if (u >= batch.UnitSpellings.Length) throw new ArgumentException($"run {runId}: a batch names unit spelling {u} and holds {batch.UnitSpellings.Length}");

        void Same(int length, string column)
        {
            if (length != n) throw new ArgumentException($"run {runId}: a batch of {n} observations has {length} in its {column} column");
        }
    }

    private byte Unit(ObservationColumns batch, int i, int[] units)
    {
        var k = batch.RawUnit[i];
        if (units[k] < 0) units[k] = Intern(_spellings, batch.UnitSpellings[k], byte.MaxValue, "unit spellings");
        return (byte)units[k];
    }

    private void Set(int j, ObservationColumns batch, int i, byte unit, ushort run)
    {
        _value[j] = batch.Value[i];
        _raw[j] = batch.RawValue[i];
        _unit[j] = unit;
        _fasting[j] = batch.Fasting[i];
        _flags[j] = batch.Flags[i];
        _run[j] = run;
    }

    /// <summary>Re-derives every canonical value from its raw value with new factors (the raw value and unit are the source of truth).</summary>
    public void Reconvert(ConversionFactors factors, MarkerRegistry markers)
    {
        var converter = new UnitConverter(factors, markers);
        Writable(0, appending: false);
        for (var j = 0; j < _count; j++)
        {
            var r = converter.ToCanonical((Marker)_marker[j], _raw[j], _spellings[_unit[j]]);
            if (r.Ok) _value[j] = r.Value!.Value.Value;
        }
    }

    /// <summary>
    /// The rows as the Domain's measurements, into the first <see cref="Count"/> entries of <paramref name="result"/>, in time order
    /// (then OGTT minute; rows of the same time and minute in no particular order), which is the order visit assembly walks them in.
    /// A file sorted by participant need not keep each participant's rows in time order (DuckDB's sort does not), and sorting here,
    /// one 8-byte key a row, costs a fraction of sorting the 56-byte measurements afterwards.
    /// </summary>
    public void Measurements(Span<Measurement> result)
    {
        Span<Unit?> units = stackalloc Unit?[_spellings.Count];
        for (var u = 0; u < units.Length; u++) units[u] = UnitSpelling.TryParse(_spellings[u], out var unit) ? unit : null;
        const int OnStack = 256;
        int[]? rented = null;
        var order = _count <= OnStack ? stackalloc int[OnStack] : (rented = System.Buffers.ArrayPool<int>.Shared.Rent(_count));
        order = order[.._count];
        TimeOrder(order);
        for (var k = 0; k < order.Length; k++)
        {
            var j = order[k];
            result[k] = new Measurement((Marker)_marker[j], DateTime.UnixEpoch.AddMilliseconds(_takenAt[j]),
                _minute[j] < 0 ? null : _minute[j], _value[j], _raw[j], units[_unit[j]], _fasting[j] < 0 ? null : _fasting[j] == 1);
        }
        if (rented is not null) System.Buffers.ArrayPool<int>.Shared.Return(rented);
    }

    /// <summary>The row numbers in time order, then OGTT minute (none first), into <paramref name="order"/> (<see cref="Count"/> long).</summary>
    private void TimeOrder(Span<int> order)
    {
        var sorted = true;
        for (var j = 0; j < order.Length; j++)
        {
            order[j] = j;
            if (j > 0 && Key(j - 1) > Key(j)) sorted = false;
        }
        if (sorted) return;
        const int OnStack = 256;
        long[]? rented = null;
        var keys = order.Length <= OnStack ? stackalloc long[OnStack] : (rented = System.Buffers.ArrayPool<long>.Shared.Rent(order.Length));
        keys = keys[..order.Length];
        for (var j = 0; j < keys.Length; j++) keys[j] = Key(j);
        keys.Sort(order);
        if (rented is not null) System.Buffers.ArrayPool<long>.Shared.Return(rented);
    }

    /// <summary>
    /// A row's place in time: its milliseconds, then its OGTT minute (−1 for none, so up to 510 fits), in one number that orders as the
    /// pair does (times before 1970 included).
    /// </summary>
    private long Key(int row) => _takenAt[row] * 512 + _minute[row] + 1;

    /// <summary>The highest marker number held (−1 when empty): above 127 the participant has a study marker.</summary>
    public int MaxMarker { get; private set; } = -1;

    /// <summary>Observations by marker number (at least one slot per built-in marker).</summary>
    public int[] CountByMarker()
    {
        var counts = new int[Math.Max(MarkerCatalogue.All.Count, MaxMarker + 1)];
        for (var j = 0; j < _count; j++) counts[_marker[j]]++;
        return counts;
    }

    /// <summary>The rows as stored columns: the arrays themselves while the table has not changed them (they are exactly its rows), else copies of its rows.</summary>
    public ObservationColumns ToColumns() => _borrowed
        ? new()
        {
            Marker = _marker, TakenAt = _takenAt, OgttMinute = _minute, Value = _value, RawValue = _raw, RawUnit = _unit,
            UnitSpellings = [.. _spellings], Fasting = _fasting, Flags = _flags, Run = _run, Runs = [.. _runs],
        }
        : new()
        {
            Marker = _marker[.._count], TakenAt = _takenAt[.._count], OgttMinute = _minute[.._count], Value = _value[.._count],
            RawValue = _raw[.._count], RawUnit = _unit[.._count], UnitSpellings = [.. _spellings], Fasting = _fasting[.._count],
            Flags = _flags[.._count], Run = _run[.._count], Runs = [.. _runs],
        };

    public IEnumerable<ObservationView> Views(MarkerRegistry markers)
    {
        for (var j = 0; j < _count; j++)
        {
            var known = markers.TryGet((Marker)_marker[j], out var def);
            yield return new ObservationView
            {
                Marker = known ? def.Code : $"marker_{_marker[j]}",
                TakenAt = DateTime.UnixEpoch.AddMilliseconds(_takenAt[j]),
                OgttMinute = _minute[j] < 0 ? null : _minute[j],
                Value = _value[j],
                Unit = known ? def.CanonicalUnit : "",
                RawValue = _raw[j],
                RawUnit = _spellings[_unit[j]],
                Fasting = _fasting[j] < 0 ? null : _fasting[j] == 1,
                Implausible = (_flags[j] & ObservationColumns.ImplausibleFlag) != 0,
                Run = _runs[_run[j]],
            };
        }
    }

    private static int Intern(List<string> table, string value, int max, string what)
    {
        var i = table.IndexOf(value);
        if (i >= 0) return i;
        if (table.Count > max) throw new InvalidOperationException($"a participant has more than {max} distinct {what}");
        table.Add(value);
        return table.Count - 1;
    }
}
