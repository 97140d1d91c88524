using Cohort.Contracts.Queries;

namespace Cohort.Grains.Queries;

/// <summary>
/// One stratum's cases and participants by age, their cell keys, and the survey-weighted sums under both weights, with the design's
/// by (stratum, PSU) pair of the shard's <see cref="ShardDesign"/> and band of the standard population (<paramref name="bandOfAge"/>:
/// the band index of each age index, −1 for none), held in arrays indexed by pair and band.
/// </summary>
internal sealed class PrevalenceCell(int[] bandOfAge, int bands, int pairs)
{
    private readonly long[] _cases = new long[AgeCounts.UnknownAge + 1], _totals = new long[AgeCounts.UnknownAge + 1];
    private readonly uint[] _caseKeys = new uint[AgeCounts.UnknownAge + 1], _totalKeys = new uint[AgeCounts.UnknownAge + 1];
    private readonly double[] _cased = new double[2], _weighted = new double[2], _squares = new double[2], _largest = new double[2];
    private readonly long[] _withWeight = new long[2];

    // Per weight, per pair × (band + 1) (band −1 first): weighted cases, weighted total, units.
    private readonly int _width = bands + 1;
    private readonly double[][] _designCases = [new double[pairs * (bands + 1)], new double[pairs * (bands + 1)]];
    private readonly double[][] _designTotals = [new double[pairs * (bands + 1)], new double[pairs * (bands + 1)]];
    private readonly int[][] _designUnits = [new int[pairs * (bands + 1)], new int[pairs * (bands + 1)]];

    /// <summary>Counts a participant's visit; <paramref name="pair"/> is their design pair, or −1.</summary>
    public void Add(double age, bool isCase, uint recordKey, float weight, float fastingWeight, int pair)
    {
        var i = double.IsNaN(age) || age < 0 ? AgeCounts.UnknownAge : (int)Math.Min(age, AgeCounts.UnknownAge - 1);
        _totals[i]++;
        _totalKeys[i] = unchecked(_totalKeys[i] + recordKey);
        if (isCase)
        {
            _cases[i]++;
            _caseKeys[i] = unchecked(_caseKeys[i] + recordKey);
        }
        var at = pair < 0 ? -1 : pair * _width + bandOfAge[i] + 1;
        Weigh(0, weight, isCase, at);
        Weigh(1, fastingWeight, isCase, at);
    }

    private void Weigh(int which, float w, bool isCase, int at)
    {
        if (!float.IsFinite(w) || w <= 0) return;
        if (at >= 0)
        {
            if (isCase) _designCases[which][at] += w;
            _designTotals[which][at] += w;
            _designUnits[which][at]++;
        }
        _withWeight[which]++;
        _weighted[which] += w;
        _squares[which] += (double)w * w;
        _largest[which] = Math.Max(_largest[which], w);
        if (isCase) _cased[which] += w;
    }

    public AgeCounts Counts(ShardDesign design) => new(_cases, _totals, _cased[0], _weighted[0], _squares[0], _withWeight[0])
    {
        Design = Cells(0, design),
        FastingDesign = Cells(1, design),
        FastingWeightedCases = _cased[1],
        FastingWeightedTotal = _weighted[1],
        FastingSumOfSquaredWeights = _squares[1],
        WithFastingWeight = _withWeight[1],
        CaseKeys = _caseKeys,
        TotalKeys = _totalKeys,
        LargestWeight = _largest[0],
        LargestFastingWeight = _largest[1],
    };

    /// <summary>The cells anyone was weighed into, by pair (in code order) and band.</summary>
    private PsuCell[]? Cells(int which, ShardDesign design)
    {
        var units = _designUnits[which];
        var cells = new List<PsuCell>();
        for (var at = 0; at < units.Length; at++)
        {
            if (units[at] == 0) continue;
            var pair = at / _width;
            cells.Add(new PsuCell(design.StratumOf(pair), design.PsuOf(pair), at % _width - 1, _designCases[which][at], _designTotals[which][at], units[at]));
        }
        return cells.Count == 0 ? null : cells.ToArray();
    }
}
