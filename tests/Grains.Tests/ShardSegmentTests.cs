using Cohort.Contracts.Queries;
using Cohort.Grains.Shards;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;

namespace Cohort.Grains.Tests;

/// <summary>A shard log's segment stores its summaries' metrics packed, and reads back every value and every other field.</summary>
public sealed class ShardSegmentTests
{
    private readonly Serializer _serializer = new ServiceCollection().AddSerializer().BuildServiceProvider().GetRequiredService<Serializer>();

    private static ParticipantSummary Summary(string id, params float[][] visits) => new()
    {
        ParticipantId = id, Sex = 2, BirthYear = 1961, Ethnicity = "white", Site = "S02", SurveyWeight = 1.5f, Visits = (short)visits.Length,
        Observations = 12, ObservationsByMarker = [3, 0, 9], SurveyStratum = "st1", RecordKey = 77,
        AllVisits = [.. visits.Select((m, k) => new VisitSummary(738000 + (100 * k), 2, 1, m, Flags: 5, CurveShape: 3))],
    };

    [Fact]
    public void A_segment_reads_back_every_summary_with_its_metrics()
    {
        var segment = new ShardSegment(
            [Summary("P1", [5.1f, float.NaN, 2.5f], [6.0f]), Summary("P2"), Summary("P3", [], [float.NaN, 1e-7f, float.MaxValue])],
            [new Contracts.Outcomes.EventRows(["P1"], ["mi"], [740000])]);
        var back = _serializer.Deserialize<ShardSegment>(_serializer.SerializeToArray(segment))!;
        Assert.Equal(segment.Summaries.Length, back.Summaries.Length);
        for (var i = 0; i < segment.Summaries.Length; i++)
        {
            var (a, b) = (segment.Summaries[i], back.Summaries[i]);
            Assert.Equal(a with { AllVisits = [], ObservationsByMarker = [] }, b with { AllVisits = [], ObservationsByMarker = [] });
            Assert.Equal(a.ObservationsByMarker, b.ObservationsByMarker);
            Assert.Equal(a.AllVisits.Count, b.AllVisits.Count);
            for (var k = 0; k < a.AllVisits.Count; k++)
            {
                Assert.Equal(a.AllVisits[k] with { Metrics = [] }, b.AllVisits[k] with { Metrics = [] });
                Assert.Equal(a.AllVisits[k].Metrics.Select(BitConverter.SingleToInt32Bits), b.AllVisits[k].Metrics.Select(BitConverter.SingleToInt32Bits));
            }
        }
        Assert.Equal(["P1"], Assert.Single(back.Events).ParticipantId);
        // Writing the segment left the summaries it was made from as they were.
        Assert.Equal(3, segment.Summaries[0].AllVisits[0].Metrics.Length);
    }
}
