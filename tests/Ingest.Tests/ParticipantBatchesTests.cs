using Cohort.Contracts.Participants;
using Cohort.Domain.Markers;
using Cohort.Ingest.Ingestion;

namespace Cohort.Ingest.Tests;

public sealed class ParticipantBatchesTests
{
    private static AcceptedRow Row(int row, string id, Marker marker, double value, string unit, bool implausible = false) =>
        new(row, id, marker, 1_700_000_000_000 + row, -1, value, value, unit, 1, implausible);

    [Fact]
    public void Rows_of_interleaved_participants_land_in_one_batch_each_in_order_of_first_appearance()
    {
        // The same id as distinct string instances too: grouping is by value, not by reference.
        var a2 = new string("P2".AsSpan());
        var rows = new List<AcceptedRow>
        {
            Row(0, "P1", Marker.Glucose, 5.1, "mmol/L"),
            Row(1, "P2", Marker.Glucose, 95, "mg/dL"),
            Row(2, "P1", Marker.Insulin, 60, "pmol/L", implausible: true),
            Row(3, a2, Marker.Hdl, 1.2, "mmol/L"),
            Row(4, "P1", Marker.Glucose, 99, "mg/dL"),
        };
        var people = new Dictionary<string, Demographics> { ["P1"] = new() { Sex = "F", BirthYear = 1970, Ethnicity = null, Site = "S01", SurveyWeight = null }, ["P2"] = new() { Sex = "M", BirthYear = 1980, Ethnicity = null, Site = "S02", SurveyWeight = null } };

        var batches = ParticipantBatches.Build(rows, "run-1", new FactorsUsed(18, 6), people!);

        Assert.Equal(["P1", "P2"], batches.Select(b => b.Id));
        var p1 = batches[0].Batch.Observations;
        Assert.Equal([(byte)Marker.Glucose, (byte)Marker.Insulin, (byte)Marker.Glucose], p1.Marker);
        Assert.Equal(["mmol/L", "pmol/L", "mg/dL"], p1.RawUnit.Select(u => p1.UnitSpellings[u]));
        Assert.Equal([0, ObservationColumns.ImplausibleFlag, 0], p1.Flags);
        Assert.Equal(["run-1"], p1.Runs);
        Assert.Equal(people["P1"], batches[0].Batch.Demographics);
        var p2 = batches[1].Batch.Observations;
        Assert.Equal(2, p2.Count);
        Assert.Equal([95.0, 1.2], p2.RawValue);
        Assert.Equal(["mg/dL", "mmol/L"], p2.RawUnit.Select(u => p2.UnitSpellings[u]));
    }
}
