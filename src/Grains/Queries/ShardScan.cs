using Cohort.Contracts.Queries;
using Cohort.Domain.Glycaemia;
using Cohort.Domain.Indices;
using Cohort.Domain.Markers;
using Cohort.Domain.Phases;
using Cohort.Domain.Phenotypes;
using Cohort.Grains.Shards;

namespace Cohort.Grains.Queries;

/// <summary>
/// Walks a shard's participants in id order for one query: which participants the filters keep, which of their visits the query looks
/// at, and the stratum each falls in. Every dimension is reduced to a small integer code per participant (sex, age band, text
/// dictionary code, category, phase under the query's cut-off, phenotype); the filters are compiled once per query into tables of
/// allowed codes, and strata are codes whose labels are looked up at the end, so a scan compares integers, not strings.
/// </summary>
internal sealed class ShardScan
{
    public static readonly int HomaIrPosition = Domain.Metrics.MetricCatalogue.PositionOf("homa_ir");
    public static readonly string[] AgeBands = [.. CohortFilter.AgeBands];
    public const string Unknown = CohortFilter.Unknown;

    private static readonly Dimension[] VisitFree = [Dimension.Sex, Dimension.AgeBand, Dimension.Ethnicity, Dimension.Site, Dimension.Phenotype];
    private static readonly Dimension[] All = Enum.GetValues<Dimension>().Where(d => d != Dimension.None).ToArray();

    private readonly ShardState _s;
    private readonly CohortQuery _q;
    private readonly InsulinSignalCutoff _cutoff;
    private readonly int[] _order;
    private readonly (Dimension Dimension, bool[] Allowed)[] _filters;
    private readonly (Dimension Dimension, bool[] Allowed)[] _visitFreeFilters;

    public ShardScan(ShardState state, CohortQuery query, int[] order)
    {
        (_s, _q, _order) = (state, query, order);
        _cutoff = InsulinSignalCutoff.HomaIr(query.PhaseCutoffHomaIr, $"HOMA1-IR ≥ {query.PhaseCutoffHomaIr}");
        _filters = All.Where(d => query.Filter.For(d) is { Count: > 0 }).Select(d => (d, Allowed(d, query.Filter.For(d)!))).ToArray();
        _visitFreeFilters = _filters.Where(f => VisitFree.Contains(f.Dimension)).ToArray();
    }

    /// <summary>A shard's slots in participant-id order (the order every scan walks; the shard grain keeps it between queries).</summary>
    public static int[] IdOrder(ShardState s)
    {
        var order = Enumerable.Range(0, s.Count).ToArray();
        Array.Sort(order, (a, b) => string.CompareOrdinal(s.Ids[a], s.Ids[b]));
        return order;
    }

    /// <summary>The shard's columns the scan walks.</summary>
    public ShardState State => _s;

    /// <summary>The query the scan answers.</summary>
    public CohortQuery Query => _q;

    /// <summary>Codes of a dimension run from 0 to CodeCount − 1.</summary>
    public int CodeCount(Dimension d) => d switch
    {
        Dimension.Sex => 3,
        Dimension.AgeBand or Dimension.AgeBandAtVisit => AgeBands.Length + 1,
        Dimension.Ethnicity or Dimension.Site => Math.Max(1, _s.Dictionary.Count),
        Dimension.Category => Enum.GetValues<GlycaemicCategory>().Length,
        Dimension.Phase => Enum.GetValues<Phase>().Length,
        Dimension.Phenotype => Enum.GetValues<Phenotype>().Length,
        Dimension.CurveShape => Enum.GetValues<CurveShape>().Length,
        _ => 1,
    };

    public string LabelOf(Dimension d, int code) => d switch
    {
        Dimension.Sex => ((Sex)code).Code(),
        Dimension.AgeBand or Dimension.AgeBandAtVisit => code < AgeBands.Length ? AgeBands[code] : Unknown,
        Dimension.Ethnicity or Dimension.Site => Text(code),
        Dimension.Category => ((GlycaemicCategory)code).Code(),
        Dimension.Phase => ((Phase)code).Code(),
        Dimension.Phenotype => ((Phenotype)code).Code(),
        Dimension.CurveShape => ((CurveShape)code).Code(),
        _ => "all",
    };

    /// <summary>The number of strata codes of this query (1 when not stratified) and the label of each.</summary>
    public int Strata => _q.StrataBy == Dimension.None ? 1 : CodeCount(_q.StrataBy);
    public string StratumLabel(int code) => _q.StrataBy == Dimension.None ? "all" : LabelOf(_q.StrataBy, code);

    private bool[] Allowed(Dimension d, IReadOnlyList<string> allowed)
    {
        var table = new bool[CodeCount(d)];
        for (var code = 0; code < table.Length; code++)
        {
            var label = LabelOf(d, code);
            foreach (var a in allowed)
                if (string.Equals(a.Trim(), label, StringComparison.OrdinalIgnoreCase)) { table[code] = true; break; }
        }
        return table;
    }

    /// <summary>Participants the filters keep that have the query's visit (k: index into ByVisit), with their stratum code.</summary>
    public IEnumerable<(int Slot, int Visit, int Stratum)> Rows(VisitChoice? visit = null)
    {
        var v = visit ?? _q.Visit;
        foreach (var slot in _order)
        {
            var k = _s.VisitIndex(slot, v);
            if (k < 0 || !Keeps(_filters, slot, k)) continue;
            yield return (slot, k, _q.StrataBy == Dimension.None ? 0 : Code(_q.StrataBy, slot, k));
        }
    }

    /// <summary>Participants the visit-free filters keep but without the query's (or the given) visit, and their cell key sum.</summary>
    public (long Count, uint Key) WithoutVisit(VisitChoice? visit = null)
    {
        long n = 0;
        var key = 0u;
        var v = visit ?? _q.Visit;
        foreach (var slot in _order)
            if (_s.VisitIndex(slot, v) < 0 && Keeps(_visitFreeFilters, slot, 0))
            {
                n++;
                key = unchecked(key + _s.RecordKey[slot]);
            }
        return (n, key);
    }

    private bool Keeps((Dimension Dimension, bool[] Allowed)[] filters, int slot, int k)
    {
        foreach (var (d, allowed) in filters)
            if (!allowed[Code(d, slot, k)]) return false;
        return true;
    }

    public int Code(Dimension d, int slot, int k) => d switch
    {
        Dimension.Sex => _s.Sex[slot],
        Dimension.AgeBand => AgeBandCode(AgeAt(slot, 0)),
        Dimension.AgeBandAtVisit => AgeBandCode(AgeAt(slot, k)),
        Dimension.Ethnicity => _s.Ethnicity[slot],
        Dimension.Site => _s.Site[slot],
        Dimension.Category => _s.ByVisit[k].Category[slot],
        Dimension.Phase => (int)PhaseAt(slot, k),
        Dimension.Phenotype => _s.Phenotype[slot],
        Dimension.CurveShape => k < _s.ByVisit.Count && slot < _s.ByVisit[k].CurveShape.Length ? _s.ByVisit[k].CurveShape[slot] : 0,
        _ => 0,
    };

    private string Text(int code)
    {
        var t = code < _s.Dictionary.Count ? _s.Dictionary[code] : "";
        return string.IsNullOrWhiteSpace(t) || string.Equals(t, Unknown, StringComparison.OrdinalIgnoreCase) ? Unknown : t;
    }

    private static int AgeBandCode(double age) =>
        double.IsNaN(age) ? AgeBands.Length : age < 20 ? 0 : age >= 80 ? AgeBands.Length - 1 : (int)(age / 10) - 1;

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
        return PhaseClassifier.Classify(CategoryAt(slot, k), Value(c.Metric(HomaIrPosition, slot)), Value(c.Metric((int)Marker.Insulin, slot)), _cutoff);
    }

    public float Metric(int slot, int k, int metric) => _s.ByVisit[k].Metric(metric, slot);

    public int Day(int slot, int k) => _s.ByVisit[k].Day[slot];

    private static double? Value(float x) => float.IsNaN(x) ? null : x;
}
