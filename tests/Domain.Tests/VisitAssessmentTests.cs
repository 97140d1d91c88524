using Cohort.Domain.Glycaemia;
using Cohort.Domain.Indices;
using Cohort.Domain.Markers;
using Cohort.Domain.Units;
using Cohort.Domain.Visits;

namespace Cohort.Domain.Tests;

/// <summary>
/// Assessing a visit into a reused buffer (as a shard summarises its participants) gives what evaluating it gives: the same indices,
/// measurements, flags, glycaemia and phase, whatever the buffer held from the visit before.
/// </summary>
public class VisitAssessmentTests
{
    private static readonly DateTime Day0 = new(2022, 3, 7, 8, 0, 0, DateTimeKind.Utc);

    private static Measurement M(Marker marker, double value, Unit unit, int day, bool? fasting = true, int? minute = null) =>
        new(marker, Day0.AddDays(day).AddMinutes(minute ?? 0), minute, UnitConverter.Default.ToCanonical(marker, value, unit).Value, value, unit, fasting);

    /// <summary>A normal fasting visit with an OGTT, a visit in the diabetes range with HbA1c and body size, and one with a non-fasting glucose only.</summary>
    private static Measurement[] Participant() =>
    [
        M(Marker.Glucose, 5.0, Unit.MmolPerL, 0, minute: 0), M(Marker.Insulin, 60, Unit.PmolPerL, 0, minute: 0),
        M(Marker.Glucose, 6.1, Unit.MmolPerL, 0, minute: 120), M(Marker.Insulin, 240, Unit.PmolPerL, 0, minute: 120),
        M(Marker.Triglycerides, 1.3, Unit.MmolPerL, 0), M(Marker.Hdl, 1.4, Unit.MmolPerL, 0),
        M(Marker.Glucose, 7.9, Unit.MmolPerL, 400), M(Marker.Insulin, 130, Unit.PmolPerL, 400), M(Marker.HbA1c, 52, Unit.MmolPerMol, 400),
        M(Marker.Alt, 48, Unit.UnitsPerL, 400, fasting: null), M(Marker.Ast, 30, Unit.UnitsPerL, 400, fasting: null),
        M(Marker.Weight, 97, Unit.Kilogram, 400, fasting: null), M(Marker.Height, 172, Unit.Centimetre, 400, fasting: null),
        M(Marker.Glucose, 6.4, Unit.MmolPerL, 800, fasting: false), M(Marker.Triglycerides, 2.1, Unit.MmolPerL, 800, fasting: false),
    ];

    [Fact]
    public void Assessing_into_a_reused_buffer_gives_what_evaluating_gives()
    {
        var visits = VisitAssembler.Assemble(Participant(), Sex.Female);
        Assert.Equal(3, visits.Count);
        var buffer = new IndexResult[IndexCatalogue.Count + 3];
        Array.Fill(buffer, IndexResult.Of(IndexId.HomaIr, 99));
        var categories = new List<GlycaemicCategory>();
        foreach (var visit in visits)
        {
            var evaluated = VisitEvaluation.Evaluate(visit, EvaluationSettings.Default);
            var assessed = VisitEvaluation.Assess(visit, EvaluationSettings.Default, buffer);
            Assert.Equal(evaluated.Indices, buffer.Take(IndexCatalogue.Count));
            Assert.Equal(evaluated.Visit.Measurements, assessed.Measurements);
            Assert.Equal(evaluated.Visit.Flags, assessed.Flags);
            Assert.Equal(evaluated.Glycaemia, assessed.Glycaemia);
            Assert.Equal(evaluated.Phase, assessed.Phase);
            categories.Add(assessed.Glycaemia.Category);
        }
        Assert.Equal([GlycaemicCategory.Normal, GlycaemicCategory.Diabetes, GlycaemicCategory.Unknown], categories);
    }

    [Fact]
    public void The_measurements_are_copied_only_to_give_the_visit_a_diabetes_status()
    {
        var visits = VisitAssembler.Assemble(Participant(), Sex.Female);
        var buffer = new IndexResult[IndexCatalogue.Count];
        var known = VisitEvaluation.Assess(visits[1], EvaluationSettings.Default, buffer);
        Assert.True(known.Measurements.Diabetes);
        Assert.Null(visits[1].Measurements.Diabetes);
        var unknown = VisitEvaluation.Assess(visits[2], EvaluationSettings.Default, buffer);
        Assert.Null(unknown.Measurements.Diabetes);
        Assert.Same(visits[2].Measurements, unknown.Measurements);
    }
}
