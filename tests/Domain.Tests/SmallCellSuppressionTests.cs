using Cohort.Domain.Disclosure;
using FsCheck;
using FsCheck.Xunit;

namespace Cohort.Domain.Tests;

public sealed class SmallCellSuppressionTests
{
    [Fact]
    public void Counts_of_one_to_ten_are_suppressed_and_a_lone_suppressed_cell_gets_a_partner()
    {
        Assert.Equal([false, true, true, false], SmallCellSuppression.Line([0, 4, 120, 300], 11));
        Assert.Equal([true, true, false], SmallCellSuppression.Line([7, 2, 500], 11));
        Assert.Equal([false, true, true, false], SmallCellSuppression.Line([50, 3, 40, 900], 11));
        Assert.Equal([false, false, false], SmallCellSuppression.Line([11, 20, 0], 11));
    }

    [Fact]
    public void A_suppressed_cell_cannot_be_recovered_from_the_margins_of_a_table()
    {
        // 2 × 3: the 5 would follow from its row total (5 + 40 + 60) and its column total without partners.
        long[] cells = [5, 40, 60, 30, 50, 70];
        var s = SmallCellSuppression.Table(cells, 2, 3, 11);
        Assert.True(s[0]);
        for (var r = 0; r < 2; r++) Assert.NotEqual(1, Enumerable.Range(0, 3).Count(c => s[r * 3 + c]));
        for (var c = 0; c < 3; c++) Assert.NotEqual(1, Enumerable.Range(0, 2).Count(r => s[r * 3 + c]));
    }

    [Property(MaxTest = 300)]
    public bool No_line_of_a_table_keeps_exactly_one_suppressed_cell(PositiveInt seed)
    {
        var rng = new Random(seed.Get);
        var (rows, columns) = (rng.Next(1, 6), rng.Next(1, 6));
        var cells = Enumerable.Range(0, rows * columns).Select(_ => (long)(rng.Next(4) == 0 ? rng.Next(0, 11) : rng.Next(0, 200))).ToArray();
        var s = SmallCellSuppression.Table(cells, rows, columns, 11);
        var smallHidden = cells.Select((c, i) => !SmallCellSuppression.IsSmall(c, 11) || s[i]).All(x => x);
        var linesSafe = Enumerable.Range(0, rows).All(r => Enumerable.Range(0, columns).Count(c => s[r * columns + c]) != 1
                || Enumerable.Range(0, columns).All(c => s[r * columns + c] || cells[r * columns + c] == 0))
            && Enumerable.Range(0, columns).All(c => Enumerable.Range(0, rows).Count(r => s[r * columns + c]) != 1
                || Enumerable.Range(0, rows).All(r => s[r * columns + c] || cells[r * columns + c] == 0));
        return smallHidden && linesSafe;
    }

    [Fact]
    public void A_cell_hidden_to_protect_another_is_labelled_a_complement_not_small()
    {
        // A transition row of 431 hidden beside a row of 4: the 431 is a complement; the 4 is small.
        long[] counts = [0, 4, 431, 300];
        var hidden = SmallCellSuppression.Line(counts, 11);
        Assert.True(hidden[1]);
        Assert.Equal(2, hidden.Count(h => h));                             // the smallest other non-zero cell (300) goes with it
        var complement = SmallCellSuppression.Complements(counts, hidden, 11);
        Assert.False(complement[1]);                                       // small: reads "<11"
        Assert.All(Enumerable.Range(0, 4).Where(i => hidden[i] && i != 1), i => Assert.True(complement[i]));
        Assert.All(Enumerable.Range(0, 4).Where(i => !hidden[i]), i => Assert.False(complement[i]));
    }
}
