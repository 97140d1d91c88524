using Cohort.Contracts.Queries;
using Cohort.Grains.Shards;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;

namespace Cohort.Grains.Tests;

/// <summary>A shard log's segment stores its summaries packed, and reads back every value and every other field.</summary>
public sealed class ShardSegmentTests
{
    private readonly Serializer _serializer = new ServiceCollection().AddSerializer().BuildServiceProvider().GetRequiredService<Serializer>();

    private static ParticipantSummary Summary(string id, params float[][] visits) => new()
    {
        ParticipantId = id, Sex = 2, BirthYear = 1961, Ethnicity = "white", Site = "S02", SurveyWeight = 1.5f, Visits = (short)visits.Length,
        Observations = 12, ObservationsByMarker = [3, 0, 9], SurveyStratum = "st1", RecordKey = 77,
        AllVisits = [.. visits.Select((m, k) => new VisitSummary(738000 + (100 * k), 2, 1, m, Flags: 5, CurveShape: 3))],
    };

    private static ShardSegment Sample() => new(
        [Summary("P1", [5.1f, float.NaN, 2.5f], [6.0f]), Summary("P2") with { SurveyStratum = null, Ethnicity = "asian" },
            Summary("P3", [], [float.NaN, 1e-7f, float.MaxValue]) with { SurveyPsu = "psu-9", Site = "S02", SurveyStratum = "", FastingSurveyWeight = 0.7f }],
        [new Contracts.Outcomes.EventRows(["P1"], ["mi"], [740000]), new Contracts.Outcomes.EventRows(["P3", "P2", "P3"], ["stroke", "mi", "mi"], [740001, 740002, 740003])]);

    private ShardSegment Read(byte[] stored) => ShardSegment.FromStored(stored, b => _serializer.Deserialize<ShardSegment>(b)!);

    [Fact]
    public void A_segment_reads_back_every_summary_with_its_metrics_and_every_event()
    {
        var segment = Sample();
        var back = Read(segment.Stored());
        AssertSame(segment, back);
        Assert.Equal(segment.Events.Length, back.Events.Length);
        for (var b = 0; b < segment.Events.Length; b++)
        {
            Assert.Equal(segment.Events[b].ParticipantId, back.Events[b].ParticipantId);
            Assert.Equal(segment.Events[b].Event, back.Events[b].Event);
            Assert.Equal(segment.Events[b].Day, back.Events[b].Day);
        }
        // Writing the segment left the summaries it was made from as they were.
        Assert.Equal(3, segment.Summaries[0].AllVisits[0].Metrics.Length);
    }

    /// <summary>
    /// Written by the build of 2 December 2026 (afternoon), which stored the summaries as Orleans fields and their metrics beside them:
    /// a log left by it is still replayed. The same three summaries as <see cref="Sample"/> before its edits (base64 of the stored bytes).
    /// </summary>
    private const string EarlierSegment = "ICAAByHoQAVQMQEFAUo9QQt3aGl0ZUEHUzAyYQAAwD8BCQExIQAHAQ0AAQAl4DMBV6Q7fotSZWFkT25seUxpc3RJbnRlcmZhY2VDb2RlY2AxW1tDb2hvcnQuQ29udHJhY3RzLlF1ZXJpZXMuVmlzaXRTdW1tYXJ5XV0ABSHoAAQttAEFAQMh4AELAQfgIOgARDO0AQUBA8ExAQsBB+DgYgAAwP8Bm0EHc3QxwQHgIOhABVAyAQUBSj3BEcETYQAAwD8BAQExIQAHAQ0AAQAl4DsD4GIAAMD/AZvBScEB4CDoQAVQMwEFAUo9wRHBE2EAAMA/AQkBMSEABwENAAEAJeA7AwAFIegABC20AQUBA8ExAQsBB+Ag6ABEM7QBBQEDwTEBCwEH4OBiAADA/wGbwUnBAeDgIQADIeggAAPBC+AhAANBBW1p4CEAAwEEqrTg4OBBWQMAAAAzM6NAAADA/wAAIEABAAAAAADAQAAAAAADAAAAAADA/5W/1jP//39/4A==";

    [Fact]
    public void A_segment_written_by_the_earlier_layout_is_still_read()
    {
        var back = Read(Convert.FromBase64String(EarlierSegment));
        AssertSame(new ShardSegment(
            [Summary("P1", [5.1f, float.NaN, 2.5f], [6.0f]), Summary("P2"), Summary("P3", [], [float.NaN, 1e-7f, float.MaxValue])],
            [new Contracts.Outcomes.EventRows(["P1"], ["mi"], [740000])]), back);
    }

    [Fact]
    public void A_segment_reads_back_the_rows_the_run_gave_unchanged_and_whom_it_keeps_and_one_packed_before_them_reads_as_giving_none()
    {
        var given = new ShardSegment(Sample().Summaries, Sample().Events, [new("P1", [0b1011UL]), new("P3", [ulong.MaxValue, 1UL << 63])], ["P3", "P2"]);
        var back = Read(given.Stored());
        AssertSame(given, back);
        Assert.Equal(given.Given.Select(g => (g.ParticipantId, string.Join(",", g.Rows))), back.Given.Select(g => (g.ParticipantId, string.Join(",", g.Rows))));
        Assert.Equal(["P3", "P2"], back.Keeping);
        // Version 1 (before 6 December 2026) is version 2 without the two closing counts (participants given unchanged, kept).
        var current = Sample().Stored();
        Assert.Equal([2, 0, 0], new[] { current[4], current[^2], current[^1] });
        var older = Read([.. current[..4], 1, .. current[5..^2]]);
        AssertSame(Sample(), older);
        Assert.Empty(older.Given);
        Assert.Empty(older.Keeping);
        Assert.Contains("version 0", Assert.Throws<InvalidDataException>(() => Read([.. current[..4], 0, .. current[5..]])).Message);
    }

    [Fact]
    public void A_segment_longer_than_its_reckoned_size_is_packed_whole()
    {
        // Texts are reckoned at nothing (most are named by number), so a site or an event of 50,000 two-byte characters outgrows the
        // borrowed buffer, and the segment is packed again into a stream that grows.
        var site = new string('é', 50_000);
        var segment = new ShardSegment([Summary("P1", [5.1f]) with { Site = site }], [new Contracts.Outcomes.EventRows(["P1"], [site + "x"], [740000])]);
        var back = Read(segment.Stored());
        AssertSame(segment, back);
        Assert.Equal(site + "x", back.Events[0].Event[0]);
    }

    [Fact]
    public void A_damaged_segment_is_refused_saying_where()
    {
        var bytes = Sample().Stored();
        Assert.Contains("ends early", Assert.Throws<InvalidDataException>(() => Read(bytes[..^5])).Message);
        Assert.Contains("bytes past its last row", Assert.Throws<InvalidDataException>(() => Read([.. bytes, 0])).Message);
        Assert.Contains("version 9", Assert.Throws<InvalidDataException>(() => Read([.. bytes[..4], 9, .. bytes[5..]])).Message);
        Assert.Contains("malformed count", Assert.Throws<InvalidDataException>(() => Read([.. bytes[..5], 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, .. bytes[5..]])).Message);
    }

    private static void AssertSame(ShardSegment segment, ShardSegment back)
    {
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
        Assert.Equal(["P1"], back.Events[0].ParticipantId);
    }
}
