using System.Runtime.InteropServices;
using Cohort.Contracts.Queries;

namespace Cohort.Grains.Queries;

/// <summary>
/// One stratum's cases and participants by age, their cell keys, and the survey-weighted sums under both weights, with the design's
/// by stratum, PSU and band of the standard population (<paramref name="bandOfAge"/>: the band index of each age index, −1 for none).
/// </summary>
internal sealed class PrevalenceCell(int[] bandOfAge)
{
    private readonly long[] _cases = new long[AgeCounts.UnknownAge + 1], _totals = new long[AgeCounts.UnknownAge + 1];
    private readonly uint[] _caseKeys = new uint[AgeCounts.UnknownAge + 1], _totalKeys = new uint[AgeCounts.UnknownAge + 1];
    private readonly double[] _cased = new double[2], _weighted = new double[2], _squares = new double[2], _largest = new double[2];
    private readonly long[] _withWeight = new long[2];
    private readonly Dictionary<(ushort Stratum, ushort Psu, int Band), (double Cases, double Total, int Units)>[] _design = [new(), new()];

    public void Add(double age, bool isCase, uint recordKey, float weight, float fastingWeight, (ushort Stratum, ushort Psu)? design)
    {
        var i = double.IsNaN(age) || age < 0 ? AgeCounts.UnknownAge : (int)Math.Min(age, AgeCounts.UnknownAge - 1);
        _totals[i]++;
        _totalKeys[i] = unchecked(_totalKeys[i] + recordKey);
        if (isCase)
        {
            _cases[i]++;
            _caseKeys[i] = unchecked(_caseKeys[i] + recordKey);
        }
        Weigh(0, weight, isCase, design, i);
        Weigh(1, fastingWeight, isCase, design, i);
    }

    private void Weigh(int which, float w, bool isCase, (ushort Stratum, ushort Psu)? design, int age)
    {
        if (!float.IsFinite(w) || w <= 0) return;
        if (design is { } d)
        {
            ref var cell = ref CollectionsMarshal.GetValueRefOrAddDefault(_design[which], (d.Stratum, d.Psu, bandOfAge[age]), out _);
            cell = (cell.Cases + (isCase ? w : 0), cell.Total + w, cell.Units + 1);
        }
        _withWeight[which]++;
        _weighted[which] += w;
        _squares[which] += (double)w * w;
        _largest[which] = Math.Max(_largest[which], w);
        if (isCase) _cased[which] += w;
    }

    public AgeCounts Counts(IReadOnlyList<string> dictionary) => new(_cases, _totals, _cased[0], _weighted[0], _squares[0], _withWeight[0])
    {
        Design = Cells(0, dictionary),
        FastingDesign = Cells(1, dictionary),
        FastingWeightedCases = _cased[1],
        FastingWeightedTotal = _weighted[1],
        FastingSumOfSquaredWeights = _squares[1],
        WithFastingWeight = _withWeight[1],
        CaseKeys = _caseKeys,
        TotalKeys = _totalKeys,
        LargestWeight = _largest[0],
        LargestFastingWeight = _largest[1],
    };

    private PsuCell[]? Cells(int which, IReadOnlyList<string> dictionary) => _design[which].Count == 0 ? null
        : _design[which].OrderBy(kv => kv.Key).Select(kv => new PsuCell(dictionary[kv.Key.Stratum], dictionary[kv.Key.Psu], kv.Key.Band, kv.Value.Cases, kv.Value.Total, kv.Value.Units)).ToArray();
}
