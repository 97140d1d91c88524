using Cohort.Contracts.Participants;
using Cohort.Domain.Markers;
using Cohort.Domain.Units;

namespace Cohort.Ingest.Ingestion;

/// <summary>
/// Validates rows of a long-layout block: required fields, known participant, marker (canonical code or LOINC), a unit of that
/// marker, the plausibility limits (docs/science.md#plausibility-limits) (reject impossible, flag implausible), OGTT minute range, and duplicates within the block.
/// Resolution of repeated strings (markers, units) is cached, since a file repeats a handful of them millions of times. A mapping's
/// aliases translate a site's own marker codes and unit spellings first; its (or the run's) fasting default fills an empty fasting status.
/// </summary>
public sealed class ObservationValidator(IReadOnlyDictionary<string, Demographics?> participants, UnitConverter converter,
    IReadOnlyDictionary<string, string>? markerAliases = null, IReadOnlyDictionary<string, string>? unitAliases = null, bool? fastingDefault = null)
{
    private readonly Dictionary<string, (MarkerDefinition? Def, LoincCode? Loinc)> _markers = new(StringComparer.Ordinal);
    private readonly Dictionary<(Marker, string), (UnitConversion? Conversion, string? Error)> _units = [];
    // The same, by the string object: a reader hands over one string per distinct marker code and unit (its string pool), and
    // looking those up by reference spares hashing their text twice a row.
    private readonly RecentByIdentity<string, (MarkerDefinition? Def, LoincCode? Loinc)> _markersSeen = new();
    private readonly RecentByIdentity<string, (UnitConversion? Conversion, string? Error)> _unitsSeen = new();
    private readonly Dictionary<string, long> _ordinals = new(StringComparer.Ordinal);
    private NaturalKey[] _keys = [];

    /// <summary>Where the participant's ordinal starts in a natural key's packed long (below it: marker, 8 bits; OGTT minute + 1, 10 bits).</summary>
    private const int OrdinalShift = 18;

    public readonly record struct Rejection(int Row, string Reason, string Message);

    /// <summary>
    /// The size to give a table reused from block to block when a block outgrows it: a quarter more than the block, since a file's row
    /// groups differ by a few percent, and a table of exactly one block's size was made again (tens of megabytes on the large-object
    /// heap) for nearly every larger block that followed.
    /// </summary>
    public static int WithRoom(int rows) => (int)Math.Min(Array.MaxLength, rows + (long)rows / 4);

    /// <summary>The markers (Cohort's and the study's) rows may carry.</summary>
    public MarkerRegistry Markers => converter.Markers;

    /// <summary>
    /// A row's natural key within a block: (participant ordinal, marker, OGTT minute) packed in one long (minute + 1 in bits 0–9, the
    /// marker, study markers up to 255 included, in bits 10–17, the ordinal above), and the time; with the row's place among the
    /// block's accepted rows, so that of equal keys the earliest row sorts first.
    /// </summary>
    private readonly record struct NaturalKey(long Who, long When, int Accepted) : IComparable<NaturalKey>
    {
        public int CompareTo(NaturalKey other) =>
            Who != other.Who ? Who.CompareTo(other.Who) : When != other.When ? When.CompareTo(other.When) : Accepted.CompareTo(other.Accepted);
    }

    /// <summary>
    /// Validates a block's rows into <paramref name="accepted"/> and <paramref name="rejected"/> (appended to, rejected rows in row
    /// order). One block at a time: the key table for duplicates is reused from block to block.
    /// </summary>
    public void Validate(ObservationBlock block, List<AcceptedRow> accepted, List<Rejection> rejected)
    {
        // A participant's rows usually follow each other, so the id is looked up only when it differs from the row before.
        var ordinals = _ordinals;
        ordinals.Clear();
        if (_keys.Length < block.Count) _keys = new NaturalKey[WithRoom(block.Count)];
        var keys = _keys;
        var (firstAccepted, firstRejected) = (accepted.Count, rejected.Count);
        string? previousId = null;
        var known = false;
        long ordinal = 0;
        for (var i = 0; i < block.Count; i++)
        {
            var id = block.ParticipantId[i];
            if (!ReferenceEquals(id, previousId))
            {
                previousId = id;
                known = id is not null && participants.ContainsKey(id);
                if (known && !ordinals.TryGetValue(id!, out ordinal)) ordinals[id!] = ordinal = ordinals.Count;
            }
            if (string.IsNullOrWhiteSpace(id)) { rejected.Add(new(i, RejectReason.MissingField, "participant_id is empty")); continue; }
            if (block.TakenAt[i] is not { } takenAt) { rejected.Add(new(i, RejectReason.MissingField, "taken_at is empty")); continue; }
            if (string.IsNullOrWhiteSpace(block.Marker[i])) { rejected.Add(new(i, RejectReason.MissingField, "marker is empty")); continue; }
            if (block.Value[i] is not { } value) { rejected.Add(new(i, RejectReason.MissingField, "value is empty")); continue; }
            if (string.IsNullOrWhiteSpace(block.Unit[i])) { rejected.Add(new(i, RejectReason.MissingField, "unit is empty")); continue; }
            if (!known) { rejected.Add(new(i, RejectReason.UnknownParticipant, $"participant '{id}' is not in the participants file")); continue; }
            var (def, loinc) = ResolveMarker(block.Marker[i]!);
            if (def is null) { rejected.Add(new(i, RejectReason.UnknownMarker, $"marker '{block.Marker[i]}' is neither a marker code (Cohort's or the study's: cohort markers list) nor a known LOINC code")); continue; }
            var minute = block.OgttMinute[i] ?? loinc?.OgttMinute;
            if (minute is < 0 or > 300) { rejected.Add(new(i, RejectReason.InvalidOgttMinute, $"ogtt_minute {minute} is outside 0–300")); continue; }
            if (!double.IsFinite(value)) { rejected.Add(new(i, RejectReason.NotANumber, $"{def.Code} value is not a finite number")); continue; }
            var conversion = Convert(def.Marker, block.Unit[i]!, value);
            if (!conversion.Ok) { rejected.Add(new(i, RejectReason.UnknownUnit, conversion.Error!)); continue; }
            var converted = conversion.Value!.Value;
            // Fasting: as the row says; else a fasting LOINC term or OGTT minute 0; else, outside an OGTT, the file's declared default.
            bool? fasting = block.Fasting[i] ?? (loinc?.Fasting == true || minute == 0 ? true : minute is null ? fastingDefault : null);
            var verdict = Plausibility.Check(def, converted, fasting == true, minute);
            if (verdict.Verdict == PlausibilityVerdict.Reject) { rejected.Add(new(i, verdict.Code!, verdict.Message!)); continue; }

            var takenAtMs = (takenAt.Ticks - DateTime.UnixEpoch.Ticks) / TimeSpan.TicksPerMillisecond;
            keys[accepted.Count - firstAccepted] = new NaturalKey((ordinal << OrdinalShift) | ((long)def.Marker << 10) | (long)((minute ?? -1) + 1), takenAtMs, accepted.Count - firstAccepted);
            // The unit kept with the value is the spelling Cohort understands (after a mapping's alias), so the grain can re-convert it.
            var unit = block.Unit[i]!;
            accepted.Add(new AcceptedRow(i, id, def.Marker, takenAtMs, (short)(minute ?? -1), converted.Value, value, unitAliases?.GetValueOrDefault(unit) ?? unit,
                fasting is null ? (sbyte)-1 : fasting.Value ? (sbyte)1 : (sbyte)0, verdict.Verdict == PlausibilityVerdict.Flag));
        }
        RejectDuplicates(block, accepted, firstAccepted, rejected, firstRejected);
    }

    /// <summary>
    /// Rows whose natural key an earlier accepted row of the block has are duplicates (same value and unit) or conflicts (another),
    /// moved from the accepted rows to the rejected ones, which stay in row order. A file's rows usually come participant by
    /// participant, and then (ordinals being given in order of first appearance) each participant's keys are one span in row order:
    /// each span is looked through with a small hash table, a few dozen keys at a time and in cache. Otherwise the whole block's keys
    /// are sorted (a hash table the size of a row group missed the cache on nearly every row).
    /// </summary>
    private void RejectDuplicates(ObservationBlock block, List<AcceptedRow> accepted, int firstAccepted, List<Rejection> rejected, int firstRejected)
    {
        var n = accepted.Count - firstAccepted;
        var keys = _keys.AsSpan(0, n);
        // firstOf[a] is 1 + the accepted row whose key row a repeats (0: none).
        int[]? firstOf = null;
        if (GroupedByParticipant(keys))
            for (var start = 0; start < keys.Length;)
            {
                var end = start + 1;
                while (end < keys.Length && keys[end].Who >> OrdinalShift == keys[start].Who >> OrdinalShift) end++;
                FindRepeats(keys[start..end], n, ref firstOf);
                start = end;
            }
        else
        {
            keys.Sort();
            for (var k = 1; k < n; k++)
            {
                if (keys[k].Who != keys[k - 1].Who || keys[k].When != keys[k - 1].When) continue;
                firstOf ??= new int[n];
                // The earliest of equal keys sorts first; every later one points at it.
                var first = keys[k - 1].Accepted;
                if (firstOf[first] != 0) first = firstOf[first] - 1;
                firstOf[keys[k].Accepted] = first + 1;
            }
        }
        if (firstOf is null) return;
        for (var a = 0; a < n; a++)
        {
            if (firstOf[a] == 0) continue;
            var (row, original) = (accepted[firstAccepted + a], accepted[firstAccepted + firstOf[a] - 1]);
            var same = original.RawValue.Equals(row.RawValue) && original.RawUnit == row.RawUnit;
            rejected.Add(new(row.Row, same ? RejectReason.DuplicateRow : RejectReason.ConflictingValue, same
                ? $"repeats row {block.FirstRow + original.Row} (same participant, marker, time and OGTT minute)"
                : $"a different value for the same participant, marker, time and OGTT minute is at row {block.FirstRow + original.Row}"));
        }
        var kept = firstAccepted;
        for (var a = 0; a < n; a++)
            if (firstOf[a] == 0) accepted[kept++] = accepted[firstAccepted + a];
        accepted.RemoveRange(kept, accepted.Count - kept);
        rejected.Sort(firstRejected, rejected.Count - firstRejected, Comparer<Rejection>.Create((x, y) => x.Row.CompareTo(y.Row)));
    }

    /// <summary>Whether each participant's keys are one span (no ordinal below the one before it).</summary>
    private static bool GroupedByParticipant(ReadOnlySpan<NaturalKey> keys)
    {
        for (var k = 1; k < keys.Length; k++)
            if (keys[k].Who >> OrdinalShift < keys[k - 1].Who >> OrdinalShift) return false;
        return true;
    }

    /// <summary>
    /// Marks in <paramref name="firstOf"/> (of the block's <paramref name="n"/> keys) every key of one participant's span (in row
    /// order) that an earlier key of the span has, pointing at the earliest: an open-addressing table of the span's places, at most
    /// half full, where the first of equal keys stays.
    /// </summary>
    private static void FindRepeats(ReadOnlySpan<NaturalKey> span, int n, ref int[]? firstOf)
    {
        if (span.Length < 2) return;
        var bits = 32 - System.Numerics.BitOperations.LeadingZeroCount((uint)(2 * span.Length - 1));
        const int OnStack = 1024;
        int[]? rented = null;
        var table = (1 << bits) <= OnStack ? stackalloc int[1 << bits] : (rented = System.Buffers.ArrayPool<int>.Shared.Rent(1 << bits));
        table = table[..(1 << bits)];
        table.Clear();
        var mask = (1 << bits) - 1;
        for (var k = 0; k < span.Length; k++)
        {
            var key = span[k];
            var h = (int)(((ulong)key.Who * 0x9E3779B97F4A7C15UL ^ (ulong)key.When * 0xC2B2AE3D27D4EB4FUL) >> 32) & mask;
            while (true)
            {
                if (table[h] == 0) { table[h] = k + 1; break; }
                var earlier = span[table[h] - 1];
                if (earlier.Who == key.Who && earlier.When == key.When)
                {
                    firstOf ??= new int[n];
                    firstOf[key.Accepted] = earlier.Accepted + 1;
                    break;
                }
                h = (h + 1) & mask;
            }
        }
        if (rented is not null) System.Buffers.ArrayPool<int>.Shared.Return(rented);
    }

    /// <summary>The marker a code (canonical, LOINC or an alias) stands for, or null.</summary>
    public MarkerDefinition? Marker(string? code) => code is null ? null : ResolveMarker(code).Def;

    private (MarkerDefinition? Def, LoincCode? Loinc) ResolveMarker(string code)
    {
        if (_markersSeen.TryGet(code, 0, out var seen)) return seen;
        if (!_markers.TryGetValue(code, out var hit))
        {
            var resolved = markerAliases?.GetValueOrDefault(code) ?? code;
            _markers[code] = hit = converter.Markers.TryResolve(resolved, out var def, out var loinc) ? (def, loinc) : (null, null);
        }
        _markersSeen.Set(code, 0, hit);
        return hit;
    }

    private ConversionResult Convert(Marker marker, string unit, double value)
    {
        if (!_unitsSeen.TryGet(unit, (int)marker, out var known))
        {
            if (!_units.TryGetValue((marker, unit), out known))
                _units[(marker, unit)] = known = (converter.ConversionOf(marker, unitAliases?.GetValueOrDefault(unit) ?? unit, out var error), error);
            _unitsSeen.Set(unit, (int)marker, known);
        }
        return known.Conversion is { } c ? UnitConverter.ToCanonical(marker, value, c) : ConversionResult.Failure(known.Error!);
    }
}
