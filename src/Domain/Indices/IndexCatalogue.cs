using System.Collections.Frozen;
using Cohort.Domain.Units;

namespace Cohort.Domain.Indices;

/// <summary>Every derived index, in <see cref="IndexId"/> order, and the computation of all of them for one visit.</summary>
public static class IndexCatalogue
{
    public static IReadOnlyList<DerivedIndex> All { get; } =
    [
        new HomaIr(), new HomaBeta(), new Quicki(), new Matsuda(MatsudaMean.Arithmetic), new Matsuda(MatsudaMean.TrapezoidAuc),
        new Hiri(), new Misi(), new AdipoIr(), new TyG(), new TgHdl(), new Fli(), new Hsi(), new Vai(), new Lap(), new Igi(),
        new OralDispositionIndex(), new MetsIr(),
    ];

    private static readonly FrozenDictionary<string, DerivedIndex> ByCode =
        All.ToFrozenDictionary(i => i.Definition.Code, StringComparer.OrdinalIgnoreCase);

    public static int Count => All.Count;

    public static DerivedIndex Get(IndexId id) => All[(int)id];

    public static bool TryResolve(string? code, out DerivedIndex index)
    {
        index = null!;
        return code is not null && ByCode.TryGetValue(code.Trim(), out index!);
    }

    /// <summary>Computes every index for one visit; the result array is indexed by <see cref="IndexId"/>.</summary>
    public static IndexResult[] ComputeAll(VisitMeasurements visit, ConversionFactors factors)
    {
        var results = new IndexResult[All.Count];
        ComputeAll(visit, factors, results);
        return results;
    }

    /// <summary>Computes every index for one visit into <paramref name="into"/> (at least <see cref="Count"/> long), by <see cref="IndexId"/>.</summary>
    public static void ComputeAll(VisitMeasurements visit, ConversionFactors factors, Span<IndexResult> into)
    {
        for (var k = 0; k < All.Count; k++) into[k] = All[k].Compute(visit, factors);
    }
}
