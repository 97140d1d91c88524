namespace Cohort.Ingest.Synthetic;

/// <summary>
/// xoshiro256** seeded through SplitMix64: fast, statistically sound and, unlike <see cref="Random"/>, fully specified, so the same
/// seed gives the same cohort on every machine. Each participant gets its own stream (seed, participant index), which makes the output
/// independent of how generation is split across threads.
/// </summary>
internal struct RandomSource
{
    private ulong _s0, _s1, _s2, _s3;
    private double? _spareGaussian;

    public RandomSource(ulong seed, ulong stream, ulong purpose = 0)
    {
        var x = seed ^ (stream * 0x9E3779B97F4A7C15UL) ^ (purpose * 0xD1B54A32D192ED03UL);
        _s0 = SplitMix(ref x); _s1 = SplitMix(ref x); _s2 = SplitMix(ref x); _s3 = SplitMix(ref x);
        _spareGaussian = null;
    }

    private static ulong SplitMix(ref ulong x)
    {
        var z = x += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    public ulong NextUInt64()
    {
        var result = ulong.RotateLeft(_s1 * 5, 7) * 9;
        var t = _s1 << 17;
        _s2 ^= _s0; _s3 ^= _s1; _s1 ^= _s2; _s0 ^= _s3; _s2 ^= t;
        _s3 = ulong.RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>Uniform in [0, 1).</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    public bool Chance(double p) => NextDouble() < p;

    /// <summary>Uniform integer in [0, n).</summary>
    public int Next(int n) => (int)(NextDouble() * n);

    /// <summary>Standard normal deviate (Marsaglia's polar method).</summary>
    public double Gaussian()
    {
        if (_spareGaussian is { } spare) { _spareGaussian = null; return spare; }
        double u, v, s;
        do
        {
            u = 2 * NextDouble() - 1;
            v = 2 * NextDouble() - 1;
            s = u * u + v * v;
        } while (s >= 1 || s == 0);
        var f = Math.Sqrt(-2 * Math.Log(s) / s);
        _spareGaussian = v * f;
        return u * f;
    }

    public double Normal(double mean, double sd) => mean + sd * Gaussian();

    public double Exponential(double mean) => -mean * Math.Log(1 - NextDouble());

    /// <summary>Picks an index with probability proportional to <paramref name="weights"/>.</summary>
    public int Pick(ReadOnlySpan<double> weights)
    {
        var total = 0.0;
        foreach (var w in weights) total += w;
        var u = NextDouble() * total;
        for (var i = 0; i < weights.Length; i++)
        {
            u -= weights[i];
            if (u < 0) return i;
        }
        return weights.Length - 1;
    }
}
