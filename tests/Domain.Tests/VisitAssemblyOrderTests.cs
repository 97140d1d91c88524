using Cohort.Domain.Indices;
using Cohort.Domain.Markers;
using Cohort.Domain.Units;
using Cohort.Domain.Visits;

namespace Cohort.Domain.Tests;

/// <summary>
/// A participant's visits do not depend on the order their results arrive in: files give them in time order (then the assembler
/// only checks it), by marker, or shuffled (then it sorts), and the visits, their values and every index come out the same.
/// </summary>
public class VisitAssemblyOrderTests
{
    private static readonly DateTime Day0 = new(2023, 5, 2, 8, 0, 0, DateTimeKind.Utc);

    private static Measurement M(Marker marker, double value, Unit unit, int day, bool? fasting = true, int? minute = null)
    {
        var canonical = UnitConverter.Default.ToCanonical(marker, value, unit).Value;
        return new Measurement(marker, Day0.AddDays(day).AddMinutes(minute ?? 0), minute, canonical, value, unit, fasting);
    }

    /// <summary>Three visits a year apart: fasting labs, a 2-hour OGTT, and body measurements two days after the labs.</summary>
    private static Measurement[] Participant()
    {
        var rows = new List<Measurement>();
        for (var visit = 0; visit < 3; visit++)
        {
            var day = visit * 365;
            foreach (var (minute, glucose, insulin) in new[] { (0, 5.2 + visit * 0.3, 70.0 + visit * 10), (30, 8.4, 320.0), (60, 8.9, 380.0), (90, 7.1, 310.0), (120, 6.2 + visit * 0.8, 250.0) })
            {
                rows.Add(M(Marker.Glucose, glucose, Unit.MmolPerL, day, minute: minute));
                rows.Add(M(Marker.Insulin, insulin, Unit.PmolPerL, day, minute: minute));
            }
            rows.Add(M(Marker.Triglycerides, 1.6 + visit * 0.2, Unit.MmolPerL, day));
            rows.Add(M(Marker.Hdl, 1.2, Unit.MmolPerL, day));
            rows.Add(M(Marker.Nefa, 0.55, Unit.MmolPerL, day));
            rows.Add(M(Marker.Alt, 31, Unit.UnitsPerL, day, fasting: null));
            rows.Add(M(Marker.Ast, 24, Unit.UnitsPerL, day, fasting: null));
            rows.Add(M(Marker.Ggt, 40, Unit.UnitsPerL, day, fasting: null));
            rows.Add(M(Marker.Weight, 88 + visit, Unit.Kilogram, day + 2, fasting: null));
            rows.Add(M(Marker.Height, 176, Unit.Centimetre, day + 2, fasting: null));
            rows.Add(M(Marker.Waist, 98 + visit, Unit.Centimetre, day + 2, fasting: null));
        }
        return [.. rows];
    }

    private static string Describe(Measurement[] rows) =>
        string.Join("\n", VisitAssembler.Assemble(rows, Sex.Male).Select(v => VisitEvaluation.Evaluate(v, EvaluationSettings.Default)).Select(e =>
            $"{e.Visit.Date} {e.Glycaemia.Category} {e.Phase} " + string.Join(" ", e.Indices.Select(i => $"{i.Index}={i.Value?.ToString("R") ?? i.UndefinedReason}"))));

    [Fact]
    public void Visits_are_the_same_whatever_order_the_results_come_in()
    {
        var inTimeOrder = Participant().OrderBy(m => m.TakenAt).ThenBy(m => m.OgttMinute ?? -1).ToArray();
        var expected = Describe([.. inTimeOrder]);
        Assert.Equal(3, expected.Split('\n').Length);
        Assert.Contains("HomaIr=", expected);

        Assert.Equal(expected, Describe([.. inTimeOrder.OrderBy(m => m.Marker)]));
        Assert.Equal(expected, Describe([.. inTimeOrder.Reverse()]));
        // Nearly in order, as an extract that gives an OGTT's insulin samples after its glucose samples: a few rows out of place.
        var nearly = inTimeOrder.ToArray();
        for (var k = 1; k + 1 < nearly.Length; k += 7) (nearly[k], nearly[k + 1]) = (nearly[k + 1], nearly[k]);
        Assert.Equal(expected, Describe(nearly));
        var random = new Random(20261204);
        for (var k = 0; k < 20; k++)
            Assert.Equal(expected, Describe([.. inTimeOrder.OrderBy(_ => random.Next())]));
    }
}
