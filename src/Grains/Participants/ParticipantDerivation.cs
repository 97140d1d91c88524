using System.Buffers;
using Cohort.Contracts.Participants;
using Cohort.Contracts.Queries;
using Cohort.Domain.Glycaemia;
using Cohort.Domain.Indices;
using Cohort.Domain.Markers;
using Cohort.Domain.Metrics;
using Cohort.Domain.Units;
using Cohort.Domain.Visits;
using Cohort.Grains.Hosting;

namespace Cohort.Grains.Participants;

/// <summary>
/// What a participant's observations mean, derived in one place whoever holds them: the visits assembled from the series (with the
/// diabetes history the demographics give), each evaluated (indices, glycaemic category, phase) under the cohort's settings and the
/// participant's conversion factors, and the summary a shard keeps for queries.
/// </summary>
internal static class ParticipantDerivation
{
    public static IReadOnlyList<EvaluatedVisit> Visits(ObservationTable table, Demographics? d, FactorsUsed? factors, CohortOptions options, MarkerRegistry markers)
    {
        var settings = Settings(options, factors);
        var assembled = Assembled(table, d, options, markers);
        var visits = new EvaluatedVisit[assembled.Count];
        for (var k = 0; k < visits.Length; k++) visits[k] = VisitEvaluation.Evaluate(assembled[k], settings);
        return visits;
    }

    /// <summary>
    /// The summary a shard keeps of a participant, derived as <see cref="Visits"/> derives their visits; each visit's indices are only
    /// read into its metrics, so one pooled buffer serves every visit and nothing of an evaluated visit is kept.
    /// </summary>
    public static ParticipantSummary Summary(string id, ObservationTable table, Demographics? d, FactorsUsed? factors, uint recordKey, CohortOptions options,
        MarkerRegistry markers)
    {
        var settings = Settings(options, factors);
        var indices = ArrayPool<IndexResult>.Shared.Rent(IndexCatalogue.Count);
        try
        {
            var assembled = Assembled(table, d, options, markers);
            var visits = new VisitSummary[assembled.Count];
            for (var k = 0; k < visits.Length; k++)
            {
                var visit = assembled[k];
                var a = VisitEvaluation.Assess(visit, settings, indices);
                visits[k] = new VisitSummary(visit.Date.DayNumber, (byte)a.Glycaemia.Category, (byte)a.Phase, MetricCatalogue.Values(visit, indices, markers),
                    (ushort)a.Flags, (byte)CurveShapes.Classify(visit.Measurements.GlucoseCurve));
            }
            return new ParticipantSummary
            {
                ParticipantId = id,
                Sex = (byte)SexCodes.Parse(d?.Sex),
                BirthYear = (short)(d?.BirthYear ?? (d?.AgeAtBaseline is { } age && visits.Length > 0 ? DateOnly.FromDayNumber(visits[0].Day).Year - (int)Math.Floor(age) : 0)),
                Ethnicity = d?.Ethnicity ?? "Unknown",
                Site = d?.Site ?? "Unknown",
                SurveyWeight = (float)(d?.SurveyWeight ?? double.NaN),
                FastingSurveyWeight = (float)(d?.FastingSurveyWeight ?? double.NaN),
                SurveyStratum = d?.SurveyStrata, SurveyPsu = d?.SurveyPsu,
                Visits = (short)visits.Length,
                Observations = table.Count,
                ObservationsByMarker = table.CountByMarker(),
                AllVisits = visits,
                RecordKey = recordKey,
            };
        }
        finally
        {
            ArrayPool<IndexResult>.Shared.Return(indices);
        }
    }

    private static EvaluationSettings Settings(CohortOptions options, FactorsUsed? factors)
    {
        var settings = options.Evaluation();
        return factors is { } f ? settings with { Factors = new ConversionFactors(f.Glucose, f.Insulin) } : settings;
    }

    /// <summary>The participant's visits assembled from their series, with the diabetes history the demographics give.</summary>
    private static IReadOnlyList<AssembledVisit> Assembled(ObservationTable table, Demographics? d, CohortOptions options, MarkerRegistry markers)
    {
        var assembly = new VisitAssemblyOptions(options.VisitWindowDays,
            d?.DiabetesDiagnosed is { } diagnosed ? new DiabetesHistory(diagnosed, d.DiabetesDiagnosisDate) : null)
        { Markers = markers };
        // The measurements are only read while the visits are assembled (they keep nothing of them): a pooled array serves every
        // participant in turn.
        var rented = ArrayPool<Measurement>.Shared.Rent(table.Count);
        try
        {
            var all = rented.AsSpan(0, table.Count);
            table.Measurements(all);
            return VisitAssembler.Assemble(all, SexCodes.Parse(d?.Sex), assembly);
        }
        finally
        {
            ArrayPool<Measurement>.Shared.Return(rented);
        }
    }
}
