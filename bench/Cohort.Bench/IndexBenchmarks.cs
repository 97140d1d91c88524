using BenchmarkDotNet.Attributes;
using Cohort.Domain.Glycaemia;
using Cohort.Domain.Indices;
using Cohort.Domain.Units;

namespace Cohort.Bench;

/// <summary>Computes every derived index (and the glycaemic category) for one visit with a full OGTT: the per-visit cost during ingest.</summary>
[MemoryDiagnoser]
public class IndexBenchmarks
{
    private VisitMeasurements _visit = null!;
    private readonly ConversionFactors _factors = ConversionFactors.Default;

    [GlobalSetup]
    public void Setup() => _visit = new VisitMeasurements
    {
        Sex = Sex.Male,
        GlucoseCurve = OgttCurve.Of((0, 5.56), (30, 8.89), (60, 9.44), (90, 8.33), (120, 7.78)),
        InsulinCurve = OgttCurve.Of((0, 60), (30, 360), (60, 480), (90, 420), (120, 360)),
        Triglycerides = 1.69, Hdl = 1.03, Bmi = 30, Waist = 102, Ggt = 40, Alt = 30, Ast = 25, Nefa = 0.6, HbA1c = 38.8, Diabetes = false,
    };

    [Benchmark]
    public IndexResult[] AllIndicesForOneVisit() => IndexCatalogue.ComputeAll(_visit, _factors);

    [Benchmark]
    public GlycaemicAssessment GlycaemicCategoryForOneVisit() =>
        GlycaemicClassifier.Classify(GlycaemicRuleSet.Ada2025, new ReportedValue(5.56, Unit.MmolPerL), new ReportedValue(7.78, Unit.MmolPerL),
            new ReportedValue(38.8, Unit.MmolPerMol));
}
