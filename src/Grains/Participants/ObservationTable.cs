using Cohort.Contracts.Participants;
using Cohort.Domain.Markers;
using Cohort.Domain.Units;
using Cohort.Domain.Visits;

namespace Cohort.Grains.Participants;

/// <summary>
/// A mutable working copy of a participant's <see cref="ObservationColumns"/> for merging: natural key (marker, taken_at, OGTT minute)
/// lookup, in-place corrections, appends, and re-conversion when the conversion factors change. The key index is built only when a
/// merge meets rows already held: the first batch of a new participant (every ingest's commonest case) is appended as it comes, and
/// a participant read from storage without a merge never builds it.
/// </summary>
internal sealed class ObservationTable
{
    private readonly List<byte> _marker = [];
    private readonly List<long> _takenAt = [];
    private readonly List<short> _minute = [];
    private readonly List<double> _value = [];
    private readonly List<double> _raw = [];
    private readonly List<byte> _unit = [];
    private readonly List<sbyte> _fasting = [];
    private readonly List<byte> _flags = [];
    private readonly List<ushort> _run = [];
    private readonly List<string> _spellings = [];
    private readonly List<string> _runs = [];
    private Dictionary<(byte, long, short), int>? _index;

    public ObservationTable(ObservationColumns c)
    {
        Reserve(c.Count);
        _spellings.AddRange(c.UnitSpellings);
        _runs.AddRange(c.Runs);
        for (var i = 0; i < c.Count; i++)
        {
            MaxMarker = Math.Max(MaxMarker, c.Marker[i]);
            _marker.Add(c.Marker[i]); _takenAt.Add(c.TakenAt[i]); _minute.Add(c.OgttMinute[i]); _value.Add(c.Value[i]);
            _raw.Add(c.RawValue[i]); _unit.Add(c.RawUnit[i]); _fasting.Add(c.Fasting[i]); _flags.Add(c.Flags[i]); _run.Add(c.Run[i]);
        }
    }

    public int Count => _marker.Count;

    private void Reserve(int n)
    {
        _marker.EnsureCapacity(n); _takenAt.EnsureCapacity(n); _minute.EnsureCapacity(n); _value.EnsureCapacity(n); _raw.EnsureCapacity(n);
        _unit.EnsureCapacity(n); _fasting.EnsureCapacity(n); _flags.EnsureCapacity(n); _run.EnsureCapacity(n); _index?.EnsureCapacity(n);
    }

    /// <summary>The natural-key index over the rows held (a later row of the same key wins, as stored rows are unique).</summary>
    private Dictionary<(byte, long, short), int> Index()
    {
        if (_index is not null) return _index;
        _index = new Dictionary<(byte, long, short), int>(_marker.Count);
        for (var j = 0; j < _marker.Count; j++) _index[(_marker[j], _takenAt[j], _minute[j])] = j;
        return _index;
    }

    /// <summary>
    /// Merges an incoming batch; returns how many were added, changed (a correction) or already present. A batch holds each natural
    /// key once (the validator rejects a repeat within a row group), so a batch for an empty table is appended without lookups.
    /// </summary>
    public (int Added, int Changed, int Unchanged) Merge(ObservationColumns batch, string runId)
    {
        int added = 0, changed = 0, unchanged = 0;
        var fresh = _marker.Count == 0 && _index is null;
        Reserve(_marker.Count + batch.Count);
        var run = (ushort)Intern(_runs, runId, ushort.MaxValue, "runs");
        // The batch's unit spellings as this table's, each interned once when first needed.
        var units = new int[batch.UnitSpellings.Length];
        Array.Fill(units, -1);
        var index = fresh ? null : Index();
        for (var i = 0; i < batch.Count; i++)
        {
            var key = (batch.Marker[i], batch.TakenAt[i], batch.OgttMinute[i]);
            if (index is not null && index.TryGetValue(key, out var j))
            {
                if (_raw[j].Equals(batch.RawValue[i]) && _spellings[_unit[j]] == batch.UnitSpellings[batch.RawUnit[i]] && _fasting[j] == batch.Fasting[i])
                {
                    unchanged++;
                    continue;
                }
                Set(j, batch, i, Unit(batch, i, units), run);
                changed++;
                continue;
            }
            if (index is not null) index[key] = _marker.Count;
            MaxMarker = Math.Max(MaxMarker, key.Item1);
            _marker.Add(key.Item1); _takenAt.Add(key.Item2); _minute.Add(key.Item3);
            _value.Add(batch.Value[i]); _raw.Add(batch.RawValue[i]); _unit.Add(Unit(batch, i, units)); _fasting.Add(batch.Fasting[i]);
            _flags.Add(batch.Flags[i]); _run.Add(run);
            added++;
        }
        return (added, changed, unchanged);
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
        for (var j = 0; j < _marker.Count; j++)
        {
            var r = converter.ToCanonical((Marker)_marker[j], _raw[j], _spellings[_unit[j]]);
            if (r.Ok) _value[j] = r.Value!.Value.Value;
        }
    }

    /// <summary>The rows as the Domain's measurements, into the first <see cref="Count"/> entries of <paramref name="result"/>.</summary>
    public void Measurements(Span<Measurement> result)
    {
        Span<Unit?> units = stackalloc Unit?[_spellings.Count];
        for (var u = 0; u < units.Length; u++) units[u] = UnitSpelling.TryParse(_spellings[u], out var unit) ? unit : null;
        for (var j = 0; j < _marker.Count; j++)
        {
            var unit = units[_unit[j]];
            result[j] = new Measurement((Marker)_marker[j], DateTime.UnixEpoch.AddMilliseconds(_takenAt[j]),
                _minute[j] < 0 ? null : _minute[j], _value[j], _raw[j], unit, _fasting[j] < 0 ? null : _fasting[j] == 1);
        }
    }

    /// <summary>The highest marker number held (−1 when empty): above 127 the participant has a study marker.</summary>
    public int MaxMarker { get; private set; } = -1;

    /// <summary>Observations by marker number (at least one slot per built-in marker).</summary>
    public int[] CountByMarker()
    {
        var counts = new int[Math.Max(MarkerCatalogue.All.Count, MaxMarker + 1)];
        foreach (var m in _marker) counts[m]++;
        return counts;
    }

    public ObservationColumns ToColumns() => new()
    {
        Marker = [.. _marker], TakenAt = [.. _takenAt], OgttMinute = [.. _minute], Value = [.. _value], RawValue = [.. _raw],
        RawUnit = [.. _unit], UnitSpellings = [.. _spellings], Fasting = [.. _fasting], Flags = [.. _flags], Run = [.. _run], Runs = [.. _runs],
    };

    public IEnumerable<ObservationView> Views(MarkerRegistry markers)
    {
        for (var j = 0; j < _marker.Count; j++)
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
