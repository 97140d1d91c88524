using Cohort.Contracts.Queries;
using Cohort.Domain.Glycaemia;
using Cohort.Domain.Markers;

namespace Cohort.Grains.Queries;

/// <summary>A shard's candidates for a local reference population: every kept visit in the normal glycaemic range (never released as such).</summary>
internal static class ReferenceRowsKernel
{
    public static ReferenceRow[] Run(ShardScan scan)
    {
        var rows = new List<ReferenceRow>();
        foreach (var (slot, k, _) in scan.Rows())
        {
            // The shards keep no 2-h glucose: a visit in the prediabetes or diabetes range (by any test, 2-h glucose included) is
            // left out here, which is what the reference criteria ask of a measured 2-h glucose and HbA1c.
            if (scan.CategoryAt(slot, k) != GlycaemicCategory.Normal) continue;
            float M(Marker m) => scan.Metric(slot, k, (int)m);
            rows.Add(new ReferenceRow(scan.State.Sex[slot], (float)scan.AgeAt(slot, k), M(Marker.Glucose), float.NaN, M(Marker.HbA1c), M(Marker.Bmi),
                M(Marker.Triglycerides), M(Marker.Hdl), scan.Metric(slot, k, ShardScan.HomaIrPosition)));
        }
        return rows.ToArray();
    }
}
