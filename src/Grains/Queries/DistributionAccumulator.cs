using Cohort.Contracts.Queries;
using Cohort.Domain.Disclosure;
using Cohort.Domain.Statistics;

namespace Cohort.Grains.Queries;

/// <summary>Counts, sums, extremes, a quantile sketch and the cell keys of one stratum's values of a metric.</summary>
internal sealed class DistributionAccumulator
{
    private readonly QuantileSketch _sketch = new();
    private long _n, _missing;
    private double _sum, _sumSq, _min = double.PositiveInfinity, _max = double.NegativeInfinity;
    private CellKey _key, _missingKey;

    public void Add(float x, uint recordKey)
    {
        if (float.IsNaN(x)) { _missing++; _missingKey = _missingKey.Add(recordKey); return; }
        _n++;
        _key = _key.Add(recordKey);
        _sum += x;
        _sumSq += (double)x * x;
        if (x < _min) _min = x;
        if (x > _max) _max = x;
        _sketch.Add(x);
    }

    public void Merge(DistributionAccumulator other)
    {
        _n += other._n;
        _missing += other._missing;
        _key = _key.Merge(other._key);
        _missingKey = _missingKey.Merge(other._missingKey);
        _sum += other._sum;
        _sumSq += other._sumSq;
        _min = Math.Min(_min, other._min);
        _max = Math.Max(_max, other._max);
        _sketch.Merge(other._sketch.Offset, other._sketch.Counts, other._sketch.Zeros, other._sketch.NegativeOffset, other._sketch.NegativeCounts);
    }

    public DistributionPartial Partial() => new DistributionPartial
    {
        N = _n,
        Missing = _missing,
        Sum = _sum,
        SumOfSquares = _sumSq,
        Min = _n > 0 ? _min : double.NaN,
        Max = _n > 0 ? _max : double.NaN,
        Gamma = _sketch.Gamma,
        SketchOffset = _sketch.Offset,
        SketchCounts = _sketch.Counts.ToArray(),
        Zeros = _sketch.Zeros,
        NegativeOffset = _sketch.NegativeOffset,
        NegativeCounts = _sketch.NegativeCounts.ToArray(),
        Key = _key.Sum,
        MissingKey = _missingKey.Sum,
    };
}
