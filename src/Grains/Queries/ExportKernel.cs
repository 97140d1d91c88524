using Cohort.Contracts.Queries;
using Cohort.Domain.Markers;
using Cohort.Domain.Metrics;

namespace Cohort.Grains.Queries;

/// <summary>
/// A shard's participant-level rows: every visit of the participants the query's visit-free filters keep (sex, age band, ethnicity,
/// site, phenotype), in participant-id order. Visit-level filters do not apply: an export holds whole participants.
/// </summary>
internal static class ExportKernel
{
    /// <summary>The query an export scans: its filter without the visit-level dimensions.</summary>
    public static CohortQuery Scanned(CohortQuery query) => query with { Filter = query.Filter with { Category = null, Phase = null, AgeBandAtVisit = null, CurveShape = null } };

    public static ExportChunk Run(ShardScan scan, Shards.ShardPhenotypes phenotypes)
    {
        var s = scan.State;
        var rows = new List<(int Slot, int K)>();
        foreach (var (slot, _, _) in scan.Rows(VisitChoice.Baseline))
            for (var k = 0; k < s.Visits[slot]; k++) rows.Add((slot, k));
        // Cohort's metrics always; a study marker's (positions from 128) when some visit of the shard holds a column for it.
        var positions = Enumerable.Range(0, MetricCatalogue.All.Count)
            .Concat(Enumerable.Range(MarkerRegistry.FirstStudyId, MarkerRegistry.LastStudyId - MarkerRegistry.FirstStudyId + 1)
                .Where(m => s.ByVisit.Any(c => m < c.Metrics.Length && c.Metrics[m].Length > 0)))
            .ToArray();
        var metrics = positions.Select(m => rows.Select(r => s.ByVisit[r.K].Metric(m, r.Slot)).ToArray()).ToArray();
        string Text(ushort code) => code < s.Dictionary.Count ? s.Dictionary[code] : "";
        // A mixture's membership probabilities, per participant (every visit row repeats them).
        float[]? probabilities = null;
        if (s.Model is { IsMixture: true } model)
        {
            var k = model.K;
            probabilities = new float[rows.Count * k];
            var posteriors = new double[k];
            for (var i = 0; i < rows.Count; i++)
            {
                if (i > 0 && rows[i].Slot == rows[i - 1].Slot) { Array.Copy(probabilities, (i - 1) * k, probabilities, i * k, k); continue; }
                phenotypes.Probabilities(rows[i].Slot, posteriors);
                for (var c = 0; c < k; c++) probabilities[i * k + c] = (float)posteriors[c];
            }
        }
        return new ExportChunk
        {
            ParticipantId = rows.Select(r => s.Ids[r.Slot]).ToArray(),
            Visit = rows.Select(r => (short)(r.K + 1)).ToArray(),
            Day = rows.Select(r => s.ByVisit[r.K].Day[r.Slot]).ToArray(),
            Sex = rows.Select(r => s.Sex[r.Slot]).ToArray(),
            BirthYear = rows.Select(r => s.BirthYear[r.Slot]).ToArray(),
            Ethnicity = rows.Select(r => Text(s.Ethnicity[r.Slot])).ToArray(),
            Site = rows.Select(r => Text(s.Site[r.Slot])).ToArray(),
            SurveyWeight = rows.Select(r => s.SurveyWeight[r.Slot]).ToArray(),
            Category = rows.Select(r => s.ByVisit[r.K].Category[r.Slot]).ToArray(),
            Phase = rows.Select(r => (byte)scan.PhaseAt(r.Slot, r.K)).ToArray(),
            Phenotype = rows.Select(r => s.Phenotype[r.Slot]).ToArray(),
            Metrics = metrics,
            MetricPositions = positions,
            PhenotypeCluster = rows.Select(r => s.PhenotypeCluster[r.Slot]).ToArray(),
            PhenotypeDistance = rows.Select(r => s.PhenotypeDistance[r.Slot]).ToArray(),
            PhenotypeMargin = rows.Select(r => s.PhenotypeMargin[r.Slot]).ToArray(),
            PhenotypeProbabilities = probabilities,
            PhenotypeModelVersion = s.Model?.Version ?? 0,
            TissueRule = rows.Select(r => s.TissueRule[r.Slot]).ToArray(),
            CurveShape = rows.Select(r => r.Slot < s.ByVisit[r.K].CurveShape.Length ? s.ByVisit[r.K].CurveShape[r.Slot] : (byte)0).ToArray(),
            Flags = rows.Select(r => s.ByVisit[r.K].Flags is { } f && r.Slot < f.Length ? f[r.Slot] : (ushort)0).ToArray(),
        };
    }
}
