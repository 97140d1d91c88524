using Cohort.Contracts.Queries;
using Cohort.Domain.Glycaemia;
using Cohort.Domain.Metrics;
using Cohort.Domain.Phases;
using Cohort.Domain.Progression;
using Cohort.Domain.Visits;

namespace Cohort.Grains.Queries;

/// <summary>
/// A shard's part of a transitions query: per stratum the from × to matrix with keys, the moves out of each starting state (raw and
/// confirmed, with interval-censored person-years), and every participant's sequence of states for the hidden Markov model (merged by
/// <see cref="TransitionMerge"/>). The scan's visit is the "from" visit.
/// </summary>
internal static class TransitionKernel
{
    private static readonly int FastingGlucose = MetricCatalogue.PositionOf("glucose");
    private const ushort DiagnosedOrTreated = (ushort)(VisitFlags.DiagnosedDiabetes | VisitFlags.GlucoseLoweringMedication | VisitFlags.InsulinTreatment);

    public static TransitionCounts Run(ShardScan scan, VisitChoice to, TransitionKind kind)
    {
        var s = scan.State;
        var states = kind == TransitionKind.Phase ? Enum.GetValues<Phase>().Length : Enum.GetValues<GlycaemicCategory>().Length;
        var matrix = new SortedDictionary<string, long[]>(StringComparer.Ordinal);
        var keys = new Dictionary<string, uint[]>(StringComparer.Ordinal);
        long without = 0;
        var withoutKey = 0u;
        var moves = new SortedDictionary<string, MoveCounts>(StringComparer.Ordinal);
        var sequences = new SortedDictionary<string, long>(StringComparer.Ordinal);
        var sequenceKeys = new Dictionary<string, uint>(StringComparer.Ordinal);
        double intervalYears = 0;
        long intervals = 0;
        int StateAt(int slot, int k) => kind == TransitionKind.Phase ? (int)scan.PhaseAt(slot, k) : (int)scan.CategoryAt(slot, k);
        foreach (var (slot, kFrom, code) in scan.Rows())
        {
            var stratum = scan.StratumLabel(code);
            var key = s.RecordKey[slot];
            // Every visit's state, for the hidden Markov model (whatever the two visits compared).
            var visits = Math.Min(s.Visits[slot], s.ByVisit.Count);
            var digits = new char[visits];
            for (var k = 0; k < visits; k++) digits[k] = (char)('0' + StateAt(slot, k));
            var sequence = new string(digits);
            sequences[sequence] = sequences.GetValueOrDefault(sequence) + 1;
            sequenceKeys[sequence] = unchecked(sequenceKeys.GetValueOrDefault(sequence) + key);
            for (var k = 1; k < visits; k++) { intervalYears += (scan.Day(slot, k) - scan.Day(slot, k - 1)) / 365.25; intervals++; }
            var kTo = s.VisitIndex(slot, to);
            if (kTo <= kFrom) { without++; withoutKey = unchecked(withoutKey + key); continue; }
            int a = StateAt(slot, kFrom);
            int b = StateAt(slot, kTo);
            // At risk of progressing: a known state short of the worst; a progression is a move to a known, worse state (0 is unknown).
            if (a > 0 && a < states - 1 && b > 0)
            {
                if (!moves.TryGetValue(stratum, out var mc)) moves[stratum] = mc = MoveCounts.Empty(states);
                int? next = kTo + 1 < visits ? StateAt(slot, kTo + 1) : null;
                var confirmed = b != a && TransitionConfirmation.Confirms(a, b, next, Evidence(scan, slot, kFrom), Evidence(scan, slot, kTo), kind == TransitionKind.Phase);
                Count(mc, a, b, confirmed, (scan.Day(slot, kTo) - scan.Day(slot, kFrom)) / 365.25, key);
            }
            if (!matrix.TryGetValue(stratum, out var m))
            {
                matrix[stratum] = m = new long[states * states];
                keys[stratum] = new uint[states * states];
            }
            m[a * states + b]++;
            keys[stratum][a * states + b] = unchecked(keys[stratum][a * states + b] + key);
        }
        var (missing, missingKey) = scan.WithoutVisit();
        return new TransitionCounts(matrix, without + missing)
        {
            MatrixKeys = keys,
            WithoutBothVisitsKey = unchecked(withoutKey + missingKey),
            Moves = moves,
            Sequences = sequences,
            SequenceKeys = sequenceKeys,
            IntervalYears = intervalYears,
            Intervals = intervals,
        };
    }

    /// <summary>One participant at risk in state a, seen in state b after span years (half the span censored at a progression).</summary>
    private static void Count(MoveCounts mc, int a, int b, bool confirmed, double span, uint key)
    {
        mc.AtRisk[a]++;
        mc.AtRiskKeys[a] = unchecked(mc.AtRiskKeys[a] + key);
        mc.LongestInterval[a] = Math.Max(mc.LongestInterval[a], span);
        mc.Years[a] += span;
        mc.CensoredYears[a] += b > a && confirmed ? span / 2 : span;
        mc.RawCensoredYears[a] += b > a ? span / 2 : span;
        if (b > a)
        {
            mc.Progressions[a]++;
            mc.ProgressionKeys[a] = unchecked(mc.ProgressionKeys[a] + key);
            if (confirmed) { mc.Confirmed[a]++; mc.ConfirmedKeys[a] = unchecked(mc.ConfirmedKeys[a] + key); }
        }
        else if (b < a)
        {
            mc.Regressions[a]++;
            mc.RegressionKeys[a] = unchecked(mc.RegressionKeys[a] + key);
            if (confirmed) { mc.ConfirmedRegressions[a]++; mc.ConfirmedRegressionKeys[a] = unchecked(mc.ConfirmedRegressionKeys[a] + key); }
        }
    }

    /// <summary>What visit k says that can confirm a move: its fasting glucose, HOMA-IR and any diagnosis or treatment.</summary>
    private static VisitEvidence Evidence(ShardScan scan, int slot, int k)
    {
        var c = scan.State.ByVisit[k];
        return new VisitEvidence(c.Metric(FastingGlucose, slot), c.Metric(ShardScan.HomaIrPosition, slot), (c.Flags[slot] & DiagnosedOrTreated) != 0);
    }
}
