using Cohort.Domain.Disclosure;

namespace Cohort.Domain.Tests;

/// <summary>
/// The cell key method: perturbation tables against the R package ptable's published rows (its vignette, solved there with nloptr's
/// SLSQP to 1e-7, so compared to 1e-5), the laws every row obeys, and keys that depend on the set of records only.
/// </summary>
public class CellKeyTests
{
    [Fact]
    public void The_symmetric_row_for_D_2_and_V_0_9_matches_ptable()
    {
        // ptable vignette, D = 2, V = 0.9, js = 0, row i >= 2 (v = -2..2).
        var row = PerturbationTable.Create(2, 0.9).Probabilities[2];
        double[] expected = [0.05154609, 0.24381564, 0.40927654, 0.24381564, 0.05154609];
        for (var k = 0; k < 5; k++) Assert.Equal(expected[k], row[k], 1e-5);
    }

    [Fact]
    public void The_rows_for_D_5_V_3_and_js_2_match_ptable()
    {
        // ptable vignette, D = 5, V = 3, js = 2: the symmetric row (i >= 8, v = -5..5) and the row for a count of 1 (j = 0, 3..6).
        var table = PerturbationTable.Create(5, 3, threshold: 2);
        Assert.Equal(9, table.Probabilities.Count);
        double[] symmetric = [0.003791861, 0.01659093, 0.05229263, 0.118730368, 0.1941934608, 0.228801496, 0.1941934608, 0.118730368, 0.05229263, 0.01659093, 0.003791861];
        for (var k = 0; k < symmetric.Length; k++) Assert.Equal(symmetric[k], table.Probabilities[8][k], 1e-5);
        Assert.Equal([-1, 2, 3, 4, 5], table.Values(1));
        double[] one = [0.73446954, 0.13672019, 0.07279631, 0.03742956, 0.01858440];
        for (var k = 0; k < one.Length; k++) Assert.Equal(one[k], table.Probabilities[1][k], 1e-5);
    }

    [Theory]
    [InlineData(2, 1.0, 0)]
    [InlineData(3, 2.0, 0)]
    [InlineData(5, 3.0, 2)]
    public void Every_row_has_mean_0_variance_at_most_V_and_no_forbidden_count(int d, double v, int js)
    {
        var table = PerturbationTable.Create(d, v, js);
        for (var i = 0; i < table.Probabilities.Count; i++)
        {
            var p = table.Probabilities[i];
            var values = table.Values(i);
            Assert.Equal(1.0, p.Sum(), 1e-12);
            Assert.Equal(0.0, p.Select((x, k) => x * values[k]).Sum(), 1e-9);
            Assert.True(p.Select((x, k) => x * values[k] * values[k]).Sum() <= v + 1e-9);
            Assert.All(values, x => Assert.True(Math.Abs(x) <= d && i + x >= 0 && (i + x == 0 || i + x > js)));
        }
        // A count never moves by more than D, a count of zero never moves, and the symmetric row is used for every large count.
        for (var k = 0.0; k < 1; k += 0.001)
        {
            Assert.InRange(table.Noise(1000, k), -d, d);
            Assert.Equal(0, table.Noise(0, k));
            Assert.Equal(table.Noise(table.Probabilities.Count - 1, k), table.Noise(123_456, k));
        }
    }

    [Fact]
    public void Keys_laid_on_the_unit_interval_give_each_noise_its_probability()
    {
        var table = PerturbationTable.Default;
        var counts = new Dictionary<int, int>();
        const int steps = 100_000;
        for (var s = 0; s < steps; s++) { var v = table.Noise(50, (s + 0.5) / steps); counts[v] = counts.GetValueOrDefault(v) + 1; }
        var row = table.Probabilities[^1];
        for (var k = 0; k < row.Length; k++) Assert.Equal(row[k], counts.GetValueOrDefault(table.Values(table.Probabilities.Count - 1)[k]) / (double)steps, 1e-4);
    }

    [Fact]
    public void A_shown_count_is_never_perturbed_below_the_suppression_threshold_and_others_still_move_both_ways()
    {
        var control = new DisclosureControl(true, PerturbationTable.Create(2, 1), 50) { Floor = 11 };
        var keys = Enumerable.Range(0, 2000).Select(i => new CellKey((uint)(i * 2654435761u))).ToArray();
        foreach (var count in new long[] { 11, 12, 13 })
        {
            var released = keys.Select(k => control.Count(count, k)).ToArray();
            Assert.All(released, r => Assert.InRange(r, 11, count + 2));
            Assert.Contains(released, r => r > count);
        }
        Assert.Contains(keys.Select(k => control.Count(40, k)), r => r < 40);
        Assert.Equal(0, control.Count(0, keys[0]));
    }

    [Fact]
    public void A_cell_key_depends_on_its_set_of_records_not_on_their_order_or_grouping()
    {
        var keys = Enumerable.Range(0, 200).Select(_ => RecordKeys.New()).ToArray();
        Assert.DoesNotContain(0u, keys);
        var forward = keys.Aggregate(CellKey.Empty, (c, k) => c.Add(k));
        var backward = keys.Reverse().Aggregate(CellKey.Empty, (c, k) => c.Add(k));
        var merged = keys.Take(70).Aggregate(CellKey.Empty, (c, k) => c.Add(k)).Merge(keys.Skip(70).Aggregate(CellKey.Empty, (c, k) => c.Add(k)));
        Assert.Equal(forward, backward);
        Assert.Equal(forward, merged);
        Assert.InRange(forward.Fraction, 0, 1);
        Assert.NotEqual(forward.For(MagnitudePerturbation.SumUse), forward.For(MagnitudePerturbation.SumOfSquaresUse));
        Assert.NotEqual(forward, forward.Add(keys[0]));
    }

    [Fact]
    public void Magnitude_noise_is_symmetric_never_small_and_the_same_for_the_same_cell()
    {
        // Seeded keys: the laws hold for any keys, and a fixed set keeps the averages below from failing by chance.
        var rng = new Random(16);
        var sizes = new List<double>();
        for (var i = 0; i < 20_000; i++)
        {
            var key = new CellKey((uint)rng.NextInt64(1, uint.MaxValue));
            var noise = MagnitudePerturbation.Noise(10, key, MagnitudePerturbation.SumUse);
            Assert.Equal(noise, MagnitudePerturbation.Noise(10, key, MagnitudePerturbation.SumUse));
            Assert.InRange(Math.Abs(noise), 10 * MagnitudePerturbation.Share * MagnitudePerturbation.Floor, 10 * MagnitudePerturbation.Share * (MagnitudePerturbation.Floor + 1));
            sizes.Add(noise);
        }
        Assert.Equal(0, sizes.Average(), 0.1);
        Assert.Equal(10 * MagnitudePerturbation.RelativeStandardDeviation, Math.Sqrt(sizes.Average(x => x * x)), 0.1);
    }
}
