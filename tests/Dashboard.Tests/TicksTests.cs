using Cohort.Dashboard.Charts;

namespace Cohort.Dashboard.Tests;

/// <summary>Axis ticks fall on 1-2-5 steps, on linear and logarithmic axes.</summary>
public sealed class TicksTests
{
    [Theory]
    [InlineData(0.3, 12.0, new[] { 0.5, 1, 2, 5, 10 })]
    [InlineData(1.2, 1.9, new double[0])]
    [InlineData(0.01, 0.3, new[] { 0.01, 0.02, 0.05, 0.1, 0.2 })]
    public void Logarithmic_ticks_are_1_2_5_times_a_power_of_ten_inside_the_range(double lo, double hi, double[] expected) =>
        Assert.Equal(expected, Ticks.LogSteps(lo, hi));

    [Fact]
    public void A_log_axis_over_a_short_range_falls_back_to_linear_steps_so_that_it_has_at_least_three_labels()
    {
        Assert.Equal([1.5, 2, 2.5, 3, 3.5], Ticks.Axis(1.3, 3.9, log: true));
        Assert.Equal([0.5, 1, 2, 5, 10], Ticks.Axis(0.3, 12, log: true));
    }

    [Theory]
    [InlineData(0.8, 12.3, new[] { 2.0, 4, 6, 8, 10, 12 })]
    [InlineData(3.1, 7.9, new[] { 3.5, 4, 4.5, 5, 5.5, 6, 6.5, 7, 7.5 })]
    [InlineData(-3.0, 3.0, new[] { -3.0, -2, -1, 0, 1, 2, 3 })]
    public void Linear_ticks_are_multiples_of_a_1_2_5_step_inside_the_range(double lo, double hi, double[] expected) =>
        Assert.Equal(expected, Ticks.Between(lo, hi));

    [Fact]
    public void Every_tick_of_an_axis_from_zero_is_a_multiple_of_a_1_2_5_step()
    {
        foreach (var max in new[] { 0.7, 11, 13, 99, 101, 2500, 7.3e6 })
        {
            var top = Ticks.Nice(max);
            var steps = Ticks.Steps(top).ToArray();
            Assert.True(top >= max);
            Assert.InRange(steps.Length, 4, 11);
            var step = steps[1] - steps[0];
            var mantissa = step / Math.Pow(10, Math.Floor(Math.Log10(step)));
            Assert.Contains(Math.Round(mantissa, 9), new[] { 1.0, 2, 5 });
        }
    }
}
