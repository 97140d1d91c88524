namespace Cohort.Domain.Statistics;

/// <summary>
/// A mergeable quantile sketch with a guaranteed relative accuracy (log-spaced buckets, as in DDSketch): every non-zero value x falls
/// in bucket ⌈log_γ |x|⌉ with γ = (1 + α)/(1 − α), in a store of its sign, and a bucket's representative is within α of every value
/// in it. Zeros are counted apart. Negative values sort first (largest magnitude first), then zeros, then positives, so signed
/// metrics (IGI, the disposition index) get right percentiles. Shards build one each; merging adds bucket counts, so merged
/// quantiles keep the same accuracy whatever the number of shards.
/// </summary>
public sealed class QuantileSketch
{
    private readonly Store _positive = new(), _negative = new();

    public QuantileSketch(double relativeAccuracy = 0.005)
    {
        if (!(relativeAccuracy > 0 && relativeAccuracy < 0.5)) throw new ArgumentOutOfRangeException(nameof(relativeAccuracy));
        Gamma = (1 + relativeAccuracy) / (1 - relativeAccuracy);
        _lnGamma = Math.Log(Gamma);
    }

    private readonly double _lnGamma;

    public double Gamma { get; }
    public long Zeros { get; private set; }
    public long Count { get; private set; }

    /// <summary>The positive values' buckets: first bucket index and counts.</summary>
    public int Offset => _positive.Offset;
    public ReadOnlySpan<long> Counts => _positive.Counts;

    /// <summary>The negative values' buckets, by magnitude: first bucket index and counts.</summary>
    public int NegativeOffset => _negative.Offset;
    public ReadOnlySpan<long> NegativeCounts => _negative.Counts;

    public void Add(double x)
    {
        if (double.IsNaN(x)) return;
        Count++;
        if (x == 0) { Zeros++; return; }
        (x > 0 ? _positive : _negative).Add((int)Math.Ceiling(Math.Log(Math.Abs(x)) / _lnGamma), 1);
    }

    /// <summary>Adds another sketch's buckets (same γ).</summary>
    public void Merge(int offset, ReadOnlySpan<long> counts, long zeros, int negativeOffset = 0, ReadOnlySpan<long> negativeCounts = default)
    {
        Zeros += zeros;
        Count += zeros;
        for (var i = 0; i < counts.Length; i++)
            if (counts[i] != 0) { _positive.Add(offset + i, counts[i]); Count += counts[i]; }
        for (var i = 0; i < negativeCounts.Length; i++)
            if (negativeCounts[i] != 0) { _negative.Add(negativeOffset + i, negativeCounts[i]); Count += negativeCounts[i]; }
    }

    /// <summary>
    /// The q-quantile (0 ≤ q ≤ 1) as R's type 7 defines it — h = q (n − 1), interpolating between the order statistics of ranks ⌊h⌋
    /// and ⌊h⌋ + 1 — with each order statistic taken as its bucket's representative. Both are within the relative accuracy of the
    /// true order statistics, so the interpolation is within it of the exact type-7 quantile.
    /// </summary>
    public double Quantile(double q)
    {
        if (Count == 0) throw new InvalidOperationException("empty sketch");
        var h = q * (Count - 1);
        var lo = (long)Math.Floor(h);
        var below = ValueAtRank(lo);
        return lo + 1 >= Count || h == lo ? below : below + (h - lo) * (ValueAtRank(lo + 1) - below);
    }

    /// <summary>The representative of the bucket holding the order statistic of 0-based rank <paramref name="rank"/>.</summary>
    private double ValueAtRank(long rank)
    {
        long seen = 0;
        foreach (var (value, count) in Buckets())
        {
            seen += count;
            if (seen > rank) return value;
        }
        throw new InvalidOperationException("rank beyond the sketch's count");
    }

    /// <summary>Value of bucket i: 2γ^i / (γ + 1), within the relative accuracy of every magnitude in (γ^(i−1), γ^i].</summary>
    public double Representative(int bucket) => 2 * Math.Pow(Gamma, bucket) / (Gamma + 1);

    /// <summary>Each non-empty bucket's representative value (negative for negative values) and count, ascending.</summary>
    public IEnumerable<(double Value, long Count)> Buckets()
    {
        var negative = _negative.Counts.ToArray();
        for (var i = negative.Length - 1; i >= 0; i--)
            if (negative[i] > 0) yield return (-Representative(i + _negative.Offset), negative[i]);
        if (Zeros > 0) yield return (0, Zeros);
        var positive = _positive.Counts.ToArray();
        for (var i = 0; i < positive.Length; i++)
            if (positive[i] > 0) yield return (Representative(i + _positive.Offset), positive[i]);
    }

    /// <summary>Counts of contiguous bucket indices, grown on either side as needed.</summary>
    private sealed class Store
    {
        private long[] _counts = [];

        public int Offset { get; private set; }
        public ReadOnlySpan<long> Counts => _counts;

        public void Add(int index, long count)
        {
            Ensure(index, index);
            _counts[index - Offset] += count;
        }

        private void Ensure(int lo, int hi)
        {
            if (_counts.Length == 0)
            {
                Offset = lo;
                _counts = new long[Math.Max(hi - lo + 1, 64)];
                return;
            }
            var newLo = Math.Min(lo, Offset);
            var newHi = Math.Max(hi, Offset + _counts.Length - 1);
            if (newLo == Offset && newHi == Offset + _counts.Length - 1) return;
            var grown = new long[Math.Max(newHi - newLo + 1, _counts.Length * 2)];
            if (newLo < Offset) newLo = Math.Min(newLo, newHi - grown.Length + 1);
            Array.Copy(_counts, 0, grown, Offset - newLo, _counts.Length);
            _counts = grown;
            Offset = newLo;
        }
    }
}
