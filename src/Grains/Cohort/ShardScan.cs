using Cohort.Contracts.Cohort;
using Cohort.Domain.Glycaemia;
using Cohort.Domain.Indices;
using Cohort.Domain.Markers;
using Cohort.Domain.Phases;
using Cohort.Domain.Phenotypes;

namespace Cohort.Grains.Cohort;

/// <summary>
/// Walks a shard's participants in id order for one query: which participants the filters keep, which of their visits the query looks
/// at, and the stratum each falls in. Derived values (age bands, the phase under the query's cut-off) are computed here from the
/// columns, so every query can choose its own cut-off.
/// </summary>
internal sealed class ShardScan
{
    public static readonly int Markers = MarkerCatalogue.All.Count;
    public static readonly int HomaIrPosition = Markers + (int)IndexId.HomaIr;
    public static readonly string[] AgeBands = [.. CohortFilter.AgeBands];
    public const string Unknown = CohortFilter.Unknown;

    private static readonly Dimension[] VisitFree = [Dimension.Sex, Dimension.AgeBand, Dimension.Ethnicity, Dimension.Site, Dimension.Phenotype];
    private static readonly Dimension[] Filtered = Enum.GetValues<Dimension>().Where(d => d != Dimension.None).ToArray();
    private readonly ShardState _s;
    private readonly CohortQuery _q;
    private readonly InsulinSignalCutoff _cutoff;
    private readonly int[] _order;

    public ShardScan(ShardState state, CohortQuery query, int[] order)
    {
        (_s, _q, _order) = (state, query, order);
        _cutoff = InsulinSignalCutoff.HomaIr(query.PhaseCutoffHomaIr, $"HOMA1-IR ≥ {query.PhaseCutoffHomaIr}");
    }

    /// <summary>Participants the filters keep that have the query's visit (k: index into ByVisit), with their stratum.</summary>
    public IEnumerable<(int Slot, int Visit, string Stratum)> Rows(VisitChoice? visit = null) => Rows(visit ?? _q.Visit, _ => true);

    /// <summary>Participants the filters keep (filters on the visit refer to <paramref name="visit"/>) but without that visit.</summary>
    public long WithoutVisit(VisitChoice? visit = null)
    {
        long n = 0;
        var v = visit ?? _q.Visit;
        foreach (var slot in _order)
            if (_s.VisitIndex(slot, v) < 0 && KeepsIgnoringVisit(slot)) n++;
        return n;
    }

    private IEnumerable<(int Slot, int Visit, string Stratum)> Rows(VisitChoice visit, Func<int, bool> extra)
    {
        foreach (var slot in _order)
        {
            var k = _s.VisitIndex(slot, visit);
            if (k < 0 || !Keeps(slot, k) || !extra(slot)) continue;
            yield return (slot, k, _q.StrataBy == Dimension.None ? "all" : Label(_q.StrataBy, slot, k));
        }
    }

    private bool KeepsIgnoringVisit(int slot)
    {
        foreach (var d in VisitFree)
            if (_q.Filter.For(d) is { Count: > 0 } allowed && !Contains(allowed, Label(d, slot, 0))) return false;
        return true;
    }

    private bool Keeps(int slot, int k)
    {
        foreach (var d in Filtered)
            if ( _q.Filter.For(d) is { Count: > 0 } allowed && !Contains(allowed, Label(d, slot, k))) return false;
        return true;
    }

    private static bool Contains(IReadOnlyList<string> allowed, string label)
    {
        foreach (var a in allowed)
            if (string.Equals(a.Trim(), label, StringComparison.OrdinalIgnoreCase)) return true;
        return false;
    }

    public string Label(Dimension d, int slot, int k) => d switch
    {
        Dimension.Sex => ((Sex)_s.Sex[slot]).Code(),
        Dimension.AgeBand => AgeBand(AgeAt(slot, 0)),
        Dimension.AgeBandAtVisit => AgeBand(AgeAt(slot, k)),
        Dimension.Ethnicity => Text(_s.Ethnicity[slot]),
        Dimension.Site => Text(_s.Site[slot]),
        Dimension.Category => CategoryAt(slot, k).Code(),
        Dimension.Phase => PhaseAt(slot, k).Code(),
        Dimension.Phenotype => ((Phenotype)_s.Phenotype[slot]).Code(),
        _ => "all",
    };

    private string Text(ushort code)
    {
        var t = code < _s.Dictionary.Count ? _s.Dictionary[code] : "";
        return string.IsNullOrWhiteSpace(t) || string.Equals(t, Unknown, StringComparison.OrdinalIgnoreCase) ? Unknown : t;
    }

    public static string AgeBand(double age) =>
        double.IsNaN(age) ? Unknown : age < 20 ? AgeBands[0] : age >= 80 ? AgeBands[^1] : AgeBands[(int)(age / 10) - 1];

    /// <summary>Age in whole years at visit k (visit year minus birth year), or NaN when the birth year is unknown.</summary>
    public double AgeAt(int slot, int k)
    {
        var born = _s.BirthYear[slot];
        var day = _s.ByVisit[k].Day[slot];
        return born <= 0 || day <= 0 ? double.NaN : DateOnly.FromDayNumber(day).Year - born;
    }

    public GlycaemicCategory CategoryAt(int slot, int k) => (GlycaemicCategory)_s.ByVisit[k].Category[slot];

    /// <summary>The phase at visit k under the query's HOMA-IR cut-off.</summary>
    public Phase PhaseAt(int slot, int k)
    {
        var c = _s.ByVisit[k];
        return PhaseClassifier.Classify(CategoryAt(slot, k), Value(c.Metrics[HomaIrPosition][slot]), Value(c.Metrics[(int)Marker.Insulin][slot]), _cutoff);
    }

    public float Metric(int slot, int k, int metric) => _s.ByVisit[k].Metrics[metric][slot];

    public int Day(int slot, int k) => _s.ByVisit[k].Day[slot];

    private static double? Value(float x) => float.IsNaN(x) ? null : x;
}
