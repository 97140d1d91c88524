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
        var settings = options.Evaluation();
        if (factors is { } f) settings = settings with { Factors = new ConversionFactors(f.Glucose, f.Insulin) };
        var assembly = new VisitAssemblyOptions(options.VisitWindowDays,
            d?.DiabetesDiagnosed is { } diagnosed ? new DiabetesHistory(diagnosed, d.DiabetesDiagnosisDate) : null)
        { Markers = markers };
        // The measurements are only read while the visits are assembled: a pooled array serves every participant in turn.
        var rented = ArrayPool<Measurement>.Shared.Rent(table.Count);
        try
        {
            var all = rented.AsSpan(0, table.Count);
            table.Measurements(all);
            var assembled = VisitAssembler.Assemble(all, SexCodes.Parse(d?.Sex), assembly);
            var visits = new EvaluatedVisit[assembled.Count];
            for (var k = 0; k < visits.Length; k++) visits[k] = VisitEvaluation.Evaluate(assembled[k], settings);
            return visits;
        }
        finally
        {
            ArrayPool<Measurement>.Shared.Return(rented);
        }
    }

    public static ParticipantSummary Summary(string id, ObservationTable table, IReadOnlyList<EvaluatedVisit> visits, Demographics? d, uint recordKey, MarkerRegistry markers) => new()
    {
        ParticipantId = id,
        Sex = (byte)SexCodes.Parse(d?.Sex),
        BirthYear = (short)(d?.BirthYear ?? (d?.AgeAtBaseline is { } age && visits.Count > 0 ? visits[0].Visit.Date.Year - (int)Math.Floor(age) : 0)),
        Ethnicity = d?.Ethnicity ?? "Unknown",
        Site = d?.Site ?? "Unknown",
        SurveyWeight = (float)(d?.SurveyWeight ?? double.NaN),
        FastingSurveyWeight = (float)(d?.FastingSurveyWeight ?? double.NaN),
        SurveyStratum = d?.SurveyStrata, SurveyPsu = d?.SurveyPsu,
        Visits = (short)visits.Count,
        Observations = table.Count,
        ObservationsByMarker = table.CountByMarker(),
        AllVisits = visits.Select(v => VisitSummaryOf(v, markers)).ToArray(),
        RecordKey = recordKey,
    };

    private static VisitSummary VisitSummaryOf(EvaluatedVisit v, MarkerRegistry markers) =>
        new(v.Visit.Date.DayNumber, (byte)v.Glycaemia.Category, (byte)v.Phase, MetricCatalogue.Values(v.Visit, v.Indices, markers), (ushort)v.Visit.Flags,
            (byte)CurveShapes.Classify(v.Visit.Measurements.GlucoseCurve));
}
