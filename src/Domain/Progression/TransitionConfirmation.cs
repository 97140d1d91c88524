using Cohort.Domain.Statistics;

namespace Cohort.Domain.Progression;

/// <summary>
/// Whether a move between two visits' states is real rather than measurement noise. A move counts as confirmed when the next visit
/// is still on the same side of the starting state (worse for a progression, better for a regression), or when the marker that
/// drives it changed by more than its minimum detectable change (fasting glucose for moves across glycaemic ranges, HOMA-IR for
/// moves between normal and compensated), or, for a progression, when a diagnosis or treatment is recorded at the later visit.
/// States are ordinals with 0 unknown and larger worse (phases and glycaemic categories are both ordered so).
/// </summary>
public static class TransitionConfirmation
{
    public static bool Confirms(int from, int to, int? next, VisitEvidence before, VisitEvidence after, bool phases)
    {
        if (from <= 0 || to <= 0 || from == to) return false;
        var progression = to > from;
        if (next is > 0 and var n && (progression ? n > from : n < from)) return true;
        if (progression && after.DiagnosedOrTreated && !before.DiagnosedOrTreated) return true;
        // Phases 1 (normal) and 2 (compensated) differ by HOMA-IR only; every other move crosses a glycaemic range.
        var byHoma = phases && Math.Max(from, to) <= 2;
        var mdc = byHoma ? RelativeMinimumDetectableChange.HomaIr : RelativeMinimumDetectableChange.FastingGlucose;
        var (x, y) = byHoma ? (before.HomaIr, after.HomaIr) : (before.FastingGlucose, after.FastingGlucose);
        return progression ? mdc.IsRealRise(x, y) : mdc.IsRealFall(x, y);
    }
}
