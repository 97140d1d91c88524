using Cohort.Domain.Markers;
using Cohort.Domain.Units;

namespace Cohort.Ingest.Synthetic;

/// <summary>
/// Copies a chunk of clean rows, turning a share of them into the faults of <see cref="FaultKind"/>. A row picked for a fault gets
/// one kind chosen among those that apply to it. Unit mix-ups (a mg/dL value labelled mmol/L) are injected only where the mislabelled
/// value is physiologically impossible (glucose above 60 mmol/L, HDL above 5.2 mmol/L), so that every injected fault is one the
/// platform can and must catch; a mix-up that lands on a possible value is indistinguishable from a real result.
/// A duplicate is an extra copy placed right after its original; the fault is recorded at the copy.
/// </summary>
internal static class FaultInjector
{
    private static readonly string[] UnknownUnits = ["mmol/dL", "mg/L?", "µg", "units", "n/a"];
    private static readonly string[] MissingFields = ["participant_id", "marker", "value", "unit"];
    private static readonly Marker[] MixableMarkers = [Marker.Glucose, Marker.Hdl];

    public static ObservationRows Inject(ObservationRows clean, double fraction, ref RandomSource rng, List<Fault> faults)
    {
        if (fraction <= 0) return clean;
        var output = new ObservationRows();
        Span<FaultKind> applicable = stackalloc FaultKind[6];
        for (var row = 0; row < clean.Count; row++)
        {
            if (!rng.Chance(fraction))
            {
                output.CopyFrom(clean, row);
                continue;
            }
            var id = clean.ParticipantId[row]!;
            var markerCode = clean.Marker[row]!;
            MarkerCatalogue.TryResolve(markerCode, out var marker);
            var n = 0;
            applicable[n++] = FaultKind.ImpossibleValue;
            if (MixedUpValue(marker, clean, row) is not null) applicable[n++] = FaultKind.UnitMixup;
            applicable[n++] = FaultKind.UnknownUnit;
            applicable[n++] = FaultKind.DuplicateRow;
            applicable[n++] = FaultKind.UnknownParticipant;
            applicable[n++] = FaultKind.MissingField;
            var kind = applicable[rng.Next(n)];
            output.CopyFrom(clean, row);
            var at = output.Count - 1;
            string detail;
            switch (kind)
            {
                case FaultKind.ImpossibleValue:
                    var v = clean.Value[row]!.Value;
                    output.Value[at] = marker.Marker == Marker.Glucose ? 0 : -Math.Abs(v) - 1;
                    detail = $"value {v} replaced by {output.Value[at]}";
                    break;
                case FaultKind.UnitMixup:
                    var mgDl = MixedUpValue(marker, clean, row)!.Value;
                    output.Value[at] = mgDl;
                    output.Unit[at] = "mmol/L";
                    detail = $"mg/dL value {mgDl} labelled mmol/L";
                    break;
                case FaultKind.UnknownUnit:
                    output.Unit[at] = UnknownUnits[rng.Next(UnknownUnits.Length)];
                    detail = $"unit '{clean.Unit[row]}' replaced by '{output.Unit[at]}'";
                    break;
                case FaultKind.DuplicateRow:
                    output.CopyFrom(clean, row);
                    at++;
                    detail = "exact copy of the previous row";
                    break;
                case FaultKind.UnknownParticipant:
                    (output.ParticipantId[at], detail) = UnknownParticipant(ref rng);
                    break;
                default:
                    var field = MissingFields[rng.Next(MissingFields.Length)];
                    switch (field)
                    {
                        case "participant_id": output.ParticipantId[at] = null; break;
                        case "marker": output.Marker[at] = null; break;
                        case "value": output.Value[at] = null; break;
                        default: output.Unit[at] = null; break;
                    }
                    detail = $"{field} left empty";
                    break;
            }
            faults.Add(new Fault(at, kind, id, markerCode, detail));
        }
        return output;
    }

    /// <summary>An id that is not in participants.parquet (generated ids start with P), and the fault's description.</summary>
    private static (string Id, string Detail) UnknownParticipant(ref RandomSource rng)
    {
        var id = $"Z{rng.Next(10_000_000):D7}";
        return (id, $"participant id replaced by {id}, which is not in participants.parquet");
    }

    /// <summary>The row's value in mg/dL if labelling it mmol/L would make it impossible, otherwise null.</summary>
    private static double? MixedUpValue(MarkerDefinition marker, ObservationRows rows, int row)
    {
        if (!MixableMarkers.Contains(marker.Marker) || !UnitSpelling.TryParse(rows.Unit[row], out var unit)) return null;
        var canonical = UnitConverter.Default.ToCanonical(marker.Marker, rows.Value[row]!.Value, unit).Value;
        var mgDl = VisitEmitter.Reported(marker.Marker, canonical, Unit.MgPerDl, UnitConverter.Default);
        return mgDl > marker.Limits.RejectAbove ? mgDl : null;
    }

    /// <summary>
    /// The wide-layout counterpart: a unit belongs to a column, not a row, so only the row-level faults and impossible values apply
    /// (impossible value in one cell, duplicate row, unknown participant, missing participant id).
    /// </summary>
    public static WideRows InjectWide(WideRows clean, double fraction, ref RandomSource rng, List<Fault> faults)
    {
        if (fraction <= 0) return clean;
        FaultKind[] kinds = [FaultKind.ImpossibleValue, FaultKind.DuplicateRow, FaultKind.UnknownParticipant, FaultKind.MissingField];
        var output = new WideRows();
        for (var row = 0; row < clean.Count; row++)
        {
            var id = clean.ParticipantId[row]!;
            output.Add(id, clean.Date[row], (double?[])clean.Values[row].Clone());
            if (!rng.Chance(fraction)) continue;
            var at = output.Count - 1;
            var kind = kinds[rng.Next(kinds.Length)];
            var marker = "";
            string detail;
            switch (kind)
            {
                case FaultKind.ImpossibleValue:
                    var present = Enumerable.Range(0, WideLayout.Columns.Length).Where(c => output.Values[at][c] is not null).ToArray();
                    var column = present[rng.Next(present.Length)];
                    var (name, m, _, _, _) = WideLayout.Columns[column];
                    marker = MarkerCatalogue.Get(m).Code;
                    var v = output.Values[at][column]!.Value;
                    output.Values[at][column] = m == Marker.Glucose ? 0 : -Math.Abs(v) - 1;
                    detail = $"{name}: value {v} replaced by {output.Values[at][column]}";
                    break;
                case FaultKind.DuplicateRow:
                    output.Add(id, clean.Date[row], (double?[])clean.Values[row].Clone());
                    at++;
                    detail = "exact copy of the previous row";
                    break;
                case FaultKind.UnknownParticipant:
                    (output.ParticipantId[at], detail) = UnknownParticipant(ref rng);
                    break;
                default:
                    output.ParticipantId[at] = null;
                    detail = "participant_id left empty";
                    break;
            }
            faults.Add(new Fault(at, kind, id, marker, detail));
        }
        return output;
    }
}
