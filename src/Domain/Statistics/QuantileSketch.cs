namespace Cohort.Domain.Statistics;

/// <summary>
/// A mergeable quantile sketch with a guaranteed relative accuracy (log-spaced buckets, as in DDSketch): every positive value x
/// falls in bucket ⌈log_γ x⌉ with γ = (1 + α)/(1 − α), and a bucket's representative is within α of every value in it. Shards build
/// one each; merging adds bucket counts, so merged quantiles keep the same accuracy whatever the number of shards. Non-positive
/// values (rare; no Cohort metric is negative) are counted apart and sort first.
/// </summary>
public sealed class QuantileSketch
{
    private long[] _counts = [];
    private int _offset;

    public QuantileSketch(double relativeAccuracy = 0.005)
    {
        if (!(relativeAccuracy > 0 && relativeAccuracy < 0.5)) throw new ArgumentOutOfRangeException(nameof(relativeAccuracy));
        Gamma = (1 + relativeAccuracy) / (1 - relativeAccuracy);
        _lnGamma = Math.Log(Gamma);
    }

    private readonly double _lnGamma;

    public double Gamma { get; }
    public long NonPositive { get; private set; }
    public long Count { get; private set; }
    public int Offset => _offset;
    public ReadOnlySpan<long> Counts => _counts;

    public void Add(double x)
    {
        if (double.IsNaN(x)) return;
        Count++;
        if (x <= 0) { NonPositive++; return; }
        var index = (int)Math.Ceiling(Math.Log(x) / _lnGamma);
        Ensure(index, index);
        _counts[index - _offset]++;
    }

    /// <summary>Adds another sketch's buckets (same γ).</summary>
    public void Merge(int offset, ReadOnlySpan<long> counts, long nonPositive)
    {
        NonPositive += nonPositive;
        Count += nonPositive;
        if (counts.Length == 0) return;
        Ensure(offset, offset + counts.Length - 1);
        for (var i = 0; i < counts.Length; i++)
        {
            _counts[offset + i - _offset] += counts[i];
            Count += counts[i];
        }
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
        if (rank < NonPositive) return 0;
        var seen = NonPositive;
        for (var i = 0; i < _counts.Length; i++)
        {
            seen += _counts[i];
            if (seen > rank) return Representative(i + _offset);
        }
        return Representative(_offset + _counts.Length - 1);
    }

    /// <summary>Value of bucket i: 2γ^i / (γ + 1), within the relative accuracy of every value in (γ^(i−1), γ^i].</summary>
    public double Representative(int bucket) => 2 * Math.Pow(Gamma, bucket) / (Gamma + 1);

    /// <summary>Each non-empty bucket's representative value and count, ascending.</summary>
    public IEnumerable<(double Value, long Count)> Buckets()
    {
        if (NonPositive > 0) yield return (0, NonPositive);
        for (var i = 0; i < _counts.Length; i++)
            if (_counts[i] > 0) yield return (Representative(i + _offset), _counts[i]);
    }

    private void Ensure(int lo, int hi)
    {
        if (_counts.Length == 0)
        {
            _offset = lo;
            _counts = new long[Math.Max(hi - lo + 1, 64)];
            return;
        }
        var newLo = Math.Min(lo, _offset);
        var newHi = Math.Max(hi, _offset + _counts.Length - 1);
        if (newLo == _offset && newHi == _offset + _counts.Length - 1) return;
        var grown = new long[Math.Max(newHi - newLo + 1, _counts.Length * 2)];
        if (newLo < _offset) newLo = Math.Min(newLo, newHi - grown.Length + 1);
        Array.Copy(_counts, 0, grown, _offset - newLo, _counts.Length);
        _counts = grown;
        _offset = newLo;
    }
}
