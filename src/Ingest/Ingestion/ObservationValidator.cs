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
    private readonly Dictionary<(long, long), int> _seen = [];
    private readonly Dictionary<string, long> _ordinals = new(StringComparer.Ordinal);

    public readonly record struct Rejection(int Row, string Reason, string Message);

    /// <summary>The markers (Cohort's and the study's) rows may carry.</summary>
    public MarkerRegistry Markers => converter.Markers;

    /// <summary>
    /// Validates a block's rows into <paramref name="accepted"/> and <paramref name="rejected"/> (appended to). One block at a time: the
    /// tables it keeps for duplicates are reused from block to block rather than allocated at the size of each.
    /// </summary>
    public void Validate(ObservationBlock block, List<AcceptedRow> accepted, List<Rejection> rejected)
    {
        // Natural key within the block: (participant ordinal, marker, OGTT minute) packed in one long, and the time. A participant's
        // rows usually follow each other, so the id is looked up only when it differs from the row before.
        var seen = _seen;
        var ordinals = _ordinals;
        seen.Clear();
        ordinals.Clear();
        seen.EnsureCapacity(block.Count);
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
            var key = ((ordinal << 16) | ((long)def.Marker << 10) | (long)((minute ?? -1) + 1), takenAtMs);
            if (seen.TryGetValue(key, out var first))
            {
                var same = accepted[first].RawValue.Equals(value) && accepted[first].RawUnit == (unitAliases?.GetValueOrDefault(block.Unit[i]!) ?? block.Unit[i]);
                rejected.Add(new(i, same ? RejectReason.DuplicateRow : RejectReason.ConflictingValue, same
                    ? $"repeats row {block.FirstRow + accepted[first].Row} (same participant, marker, time and OGTT minute)"
                    : $"a different value for the same participant, marker, time and OGTT minute is at row {block.FirstRow + accepted[first].Row}"));
                continue;
            }
            seen[key] = accepted.Count;
            // The unit kept with the value is the spelling Cohort understands (after a mapping's alias), so the grain can re-convert it.
            var unit = block.Unit[i]!;
            accepted.Add(new AcceptedRow(i, id, def.Marker, takenAtMs, (short)(minute ?? -1), converted.Value, value, unitAliases?.GetValueOrDefault(unit) ?? unit,
                fasting is null ? (sbyte)-1 : fasting.Value ? (sbyte)1 : (sbyte)0, verdict.Verdict == PlausibilityVerdict.Flag));
        }
    }

    /// <summary>The marker a code (canonical, LOINC or an alias) stands for, or null.</summary>
    public MarkerDefinition? Marker(string? code) => code is null ? null : ResolveMarker(code).Def;

    private (MarkerDefinition? Def, LoincCode? Loinc) ResolveMarker(string code)
    {
        if (_markers.TryGetValue(code, out var hit)) return hit;
        var resolved = markerAliases?.GetValueOrDefault(code) ?? code;
        return _markers[code] = converter.Markers.TryResolve(resolved, out var def, out var loinc) ? (def, loinc) : (null, null);
    }

    private ConversionResult Convert(Marker marker, string unit, double value)
    {
        if (!_units.TryGetValue((marker, unit), out var known))
            _units[(marker, unit)] = known = (converter.ConversionOf(marker, unitAliases?.GetValueOrDefault(unit) ?? unit, out var error), error);
        return known.Conversion is { } c ? UnitConverter.ToCanonical(marker, value, c) : ConversionResult.Failure(known.Error!);
    }
}
