using System.Runtime.InteropServices;
using Cohort.Contracts.Ingest;

namespace Cohort.Ingest.Ingestion;

/// <summary>
/// Counts a run's rows per marker by what became of them and turns the counts into data-quality checks in the Kahn framework's
/// terms: completeness (required fields present), conformance (units, numbers, OGTT minutes, known markers and participants as the
/// layout requires) and plausibility (impossible values rejected, implausible ones flagged, no duplicated results). Every check
/// carries its effective threshold; a run's failed checks are compared with the previous run from the same source.
/// </summary>
public sealed class DataQualityTally(ObservationValidator validator)
{
    /// <summary>Effective thresholds: the largest share of rows allowed to fail each check.</summary>
    public const double Incomplete = 0.01, Nonconformant = 0.01, Impossible = 0.005, Implausible = 0.05, Duplicated = 0.005,
        UnknownParticipants = 0, UnknownMarkers = 0;

    private sealed class Counts
    {
        public long Rows, Accepted, Flagged, Incomplete, Nonconformant, Impossible;
    }

    private readonly SortedDictionary<string, Counts> _markers = new(StringComparer.Ordinal);
    private long _rows, _unknownParticipants, _unknownMarkers, _duplicated, _noMarker;

    /// <summary>The check of rows with no marker code (parenthesised: no marker code can clash with it).</summary>
    public const string NoMarkerCheck = "completeness:(no marker code)";

    /// <summary>Taken by <see cref="Add"/> and <see cref="Repeated"/>: a run's shards report repeats while its next row group is counted.</summary>
    private readonly Lock _gate = new();

    /// <summary>
    /// A row the validator accepted and its shard did not take because the run had already given its natural key (an earlier row group
    /// or file): a duplicated result of <paramref name="marker"/>, no longer an accepted (or flagged) one.
    /// </summary>
    public void Repeated(string marker, bool implausible)
    {
        lock (_gate)
        {
            var c = For(marker);
            (c.Rows, c.Accepted) = (c.Rows - 1, c.Accepted - 1);
            if (implausible) c.Flagged--;
            _duplicated++;
        }
    }

    public void Add(ObservationBlock block, List<AcceptedRow> accepted, List<ObservationValidator.Rejection> rejected)
    {
        lock (_gate) AddCounts(block, accepted, rejected);
    }

    private void AddCounts(ObservationBlock block, List<AcceptedRow> accepted, List<ObservationValidator.Rejection> rejected)
    {
        _rows += block.Count;
        // Accepted rows are counted by marker number, and each marker's code looked up once a block: looking it up in the sorted
        // dictionary for every row (a few string comparisons each) was 1.8% of a run's CPU.
        var slots = validator.Markers.Slots;
        Span<long> acceptedBy = stackalloc long[slots], flaggedBy = stackalloc long[slots];
        foreach (ref readonly var a in CollectionsMarshal.AsSpan(accepted))
        {
            acceptedBy[(int)a.Marker]++;
            if (a.Implausible) flaggedBy[(int)a.Marker]++;
        }
        for (var m = 0; m < slots; m++)
        {
            if (acceptedBy[m] == 0) continue;
            var c = For(validator.Markers.Get((Domain.Markers.Marker)m).Code);
            c.Rows += acceptedBy[m];
            c.Accepted += acceptedBy[m];
            c.Flagged += flaggedBy[m];
        }
        foreach (var r in rejected)
        {
            switch (r.Reason)
            {
                case RejectReason.UnknownParticipant: _unknownParticipants++; continue;
                case RejectReason.UnknownMarker: _unknownMarkers++; continue;
                case RejectReason.DuplicateRow or RejectReason.ConflictingValue: _duplicated++; continue;
            }
            // A row with no marker code cannot be counted against a marker: it has a completeness check of its own.
            if (string.IsNullOrWhiteSpace(block.Marker[r.Row]))
            {
                _noMarker++;
                continue;
            }
            // An unknown code with another fault too (the validator names the first it finds) counts as an unknown marker.
            if (validator.Marker(block.Marker[r.Row]) is not { } def)
            {
                _unknownMarkers++;
                continue;
            }
            var c = For(def.Code);
            c.Rows++;
            switch (r.Reason)
            {
                case RejectReason.MissingField: c.Incomplete++; break;
                case RejectReason.ImpossibleValue: c.Impossible++; break;
                default: c.Nonconformant++; break;
            }
        }
    }

    private Counts For(string marker) => _markers.TryGetValue(marker, out var c) ? c : _markers[marker] = new Counts();

    public DataQualityReport Report(RunSummary? previous)
    {
        var checks = new List<QualityCheck>();
        static double Share(long part, long whole) => whole == 0 ? 0 : (double)part / whole;
        void Check(string id, string category, string subject, string description, double observed, double threshold) =>
            checks.Add(new QualityCheck(id, category, subject, description, Math.Round(observed, 6), threshold, observed <= threshold));
        foreach (var (m, c) in _markers)
        {
            Check($"completeness:{m}", "completeness", m, "rows with a required field empty (participant, time, value or unit)", Share(c.Incomplete, c.Rows), Incomplete);
            Check($"conformance:{m}", "conformance", m, "rows whose unit, number or OGTT minute does not conform", Share(c.Nonconformant, c.Rows), Nonconformant);
            Check($"plausibility:{m}:impossible", "plausibility", m, "rows rejected as physiologically impossible", Share(c.Impossible, c.Rows), Impossible);
            Check($"plausibility:{m}:implausible", "plausibility", m, "accepted values flagged implausible", Share(c.Flagged, c.Accepted), Implausible);
        }
        Check(NoMarkerCheck, "completeness", "all", "rows with no marker code (what was measured is unknown)", Share(_noMarker, _rows), Incomplete);
        Check("conformance:participants", "conformance", "all", "rows whose participant is not in the participants file", Share(_unknownParticipants, _rows), UnknownParticipants);
        Check("conformance:markers", "conformance", "all", "rows whose marker code is unknown (add an alias to the mapping)", Share(_unknownMarkers, _rows), UnknownMarkers);
        Check("plausibility:uniqueness", "plausibility", "all", "rows repeating a result (same participant, marker, time and OGTT minute)", Share(_duplicated, _rows), Duplicated);

        var markers = _markers.Select(kv => new MarkerQuality(kv.Key, kv.Value.Rows, kv.Value.Accepted, kv.Value.Flagged, kv.Value.Incomplete,
            kv.Value.Nonconformant, kv.Value.Impossible)).ToArray();
        QualityDiff? diff = null;
        if (previous?.Quality is { } before)
        {
            var now = checks.Where(c => !c.Passed).Select(c => c.Id).ToHashSet(StringComparer.Ordinal);
            var then = before.Checks.Where(c => !c.Passed).Select(c => c.Id).ToHashSet(StringComparer.Ordinal);
            diff = new QualityDiff(previous.RunId,
                now.Except(then).Order(StringComparer.Ordinal).ToArray(),
                then.Except(now).Order(StringComparer.Ordinal).ToArray(),
                now.Intersect(then).Order(StringComparer.Ordinal).ToArray());
        }
        return new DataQualityReport(markers, checks, diff);
    }
}
