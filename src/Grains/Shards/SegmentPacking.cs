using System.Buffers;
using Cohort.Contracts.Outcomes;
using Cohort.Contracts.Queries;
using Cohort.Grains.Participants;
using Cohort.Grains.Storage;

namespace Cohort.Grains.Shards;

/// <summary>
/// The stored form of a shard segment (one row of a shard's log): written and read field by field here, not by Orleans' serializer,
/// whose reference tracking, per-element codecs and extra copy of every blob made up a third of a 1M-participant replay. Little-endian:
/// the magic "CSEG", a version byte, the summaries (a count, then each in order), then the event rows (a count of blocks, then each
/// block's count and rows), then (from version 2) the rows of stored participants the run has given unchanged (a count, then each
/// participant's id and bitmap: <see cref="ShardStaging.GivenUnchanged"/>) and the participants whose stored state now keeps them as
/// published beside the run's change (a count, then each id: <see cref="ShardStaging.Keeping"/>). Site, ethnicity, survey-design and
/// event texts are written once per segment and then named by number (0 null, k the k-th text, one past the last a new text that
/// follows), so a replay shares one string of each. Number arrays (observations by
/// marker, each visit's metrics) are a length then their raw bytes. Segments stored before 2 December 2026 (evening) were Orleans'
/// serialization of <see cref="ShardSegment"/>, which never begins with the magic.
/// </summary>
internal static class SegmentPacking
{
    private static ReadOnlySpan<byte> Magic => "CSEG"u8;
    /// <summary>Version 2 (6 December 2026) added the rows given unchanged and the participants kept; version 1 segments, without them, are still read.</summary>
    private const byte Version = 2;
    private const string What = "a shard segment";

    /// <summary>Whether <paramref name="data"/> is a segment in this layout (not one of the earlier Orleans layout).</summary>
    public static bool IsPacked(byte[] data) => data.AsSpan().StartsWith(Magic);

    /// <summary>
    /// The segment packed. Written into a buffer borrowed for the purpose (sized by <see cref="SizeOf"/>) and copied out at its exact
    /// length, so that the segment is the only large array packing costs; one longer than reckoned (long texts) is written again into
    /// a stream that grows.
    /// </summary>
    public static byte[] Pack(IReadOnlyList<ParticipantSummary> summaries, IReadOnlyList<EventRows> events, IReadOnlyList<UnchangedRows> given,
        IReadOnlyList<string> keeping)
    {
        var estimate = SizeOf(summaries, events, given, keeping);
        var buffer = ArrayPool<byte>.Shared.Rent(estimate);
        try
        {
            // A stream over a buffer starts as long as the buffer: emptied, it is as long as what is written (ToArray copies that).
            var stream = new MemoryStream(buffer, writable: true);
            stream.SetLength(0);
            return Write(stream, summaries, events, given, keeping);
        }
        catch (NotSupportedException)
        {
            return Write(new MemoryStream(), summaries, events, given, keeping);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static byte[] Write(MemoryStream stream, IReadOnlyList<ParticipantSummary> summaries, IReadOnlyList<EventRows> events,
        IReadOnlyList<UnchangedRows> given, IReadOnlyList<string> keeping)
    {
        using var w = PackedLayout.Begin(stream, Magic, Version, What);
        var texts = new Dictionary<string, int>(StringComparer.Ordinal);
        w.Write7BitEncodedInt(summaries.Count);
        foreach (var s in summaries)
        {
            w.Write(s.ParticipantId);
            w.Write(s.Sex);
            w.Write(s.BirthYear);
            Text(s.Ethnicity);
            Text(s.Site);
            Text(s.SurveyStratum);
            Text(s.SurveyPsu);
            w.Write(s.SurveyWeight);
            w.Write(s.FastingSurveyWeight);
            w.Write(s.Visits);
            w.Write(s.Observations);
            w.Write(s.RecordKey);
            Numbers<int>(s.ObservationsByMarker);
            w.Write7BitEncodedInt(s.AllVisits.Count);
            foreach (var v in s.AllVisits)
            {
                w.Write(v.Day);
                w.Write(v.Category);
                w.Write(v.Phase);
                w.Write(v.Flags);
                w.Write(v.CurveShape);
                Numbers<float>(v.Metrics);
            }
        }
        w.Write7BitEncodedInt(events.Count);
        foreach (var rows in events)
        {
            w.Write7BitEncodedInt(rows.Count);
            for (var i = 0; i < rows.Count; i++)
            {
                w.Write(rows.ParticipantId[i]);
                Text(rows.Event[i]);
                w.Write(rows.Day[i]);
            }
        }
        w.Write7BitEncodedInt(given.Count);
        foreach (var (id, rows) in given)
        {
            w.Write(id);
            Numbers(rows);
        }
        PackedLayout.WriteTexts(w, keeping);
        w.Flush();
        return stream.ToArray();

        void Text(string? text)
        {
            if (text is null) w.Write7BitEncodedInt(0);
            else if (texts.TryGetValue(text, out var k)) w.Write7BitEncodedInt(k + 1);
            else
            {
                w.Write7BitEncodedInt(texts.Count + 1);
                texts[text] = texts.Count;
                w.Write(text);
            }
        }

        void Numbers<T>(T[] values) where T : unmanaged
        {
            w.Write7BitEncodedInt(values.Length);
            PackedLayout.WriteNumbers(w, values);
        }
    }

    /// <summary>
    /// About the packed size (a little over for most segments: the texts named by number are left out, but every summary is given room
    /// to spare): a segment is hundreds of kilobytes, and a stream that grows by doubling allocated about twice that again on the
    /// large-object heap.
    /// </summary>
    private static int SizeOf(IReadOnlyList<ParticipantSummary> summaries, IReadOnlyList<EventRows> events, IReadOnlyList<UnchangedRows> given,
        IReadOnlyList<string> keeping)
    {
        long size = 16;
        foreach (var s in summaries)
        {
            size += 40 + 3 * s.ParticipantId.Length + 4 * s.ObservationsByMarker.Length;
            foreach (var v in s.AllVisits) size += 16 + 4 * v.Metrics.Length;
        }
        foreach (var rows in events) size += 8 + 40L * rows.Count;
        foreach (var (id, rows) in given) size += 8 + 3 * id.Length + 8 * rows.Length;
        foreach (var id in keeping) size += 4 + 3 * id.Length;
        return (int)Math.Min(size, Array.MaxLength);
    }

    public static (ParticipantSummary[] Summaries, EventRows[] Events, UnchangedRows[] Given, string[] Keeping) Unpack(byte[] bytes) =>
        PackedLayout.Read(bytes, Magic, Version, What, "last row", p =>
    {
        var r = p.Reader;
        var texts = new List<string>();
        var summaries = new ParticipantSummary[p.Count()];
        for (var i = 0; i < summaries.Length; i++)
        {
            var (id, sex, birthYear) = (r.ReadString(), r.ReadByte(), r.ReadInt16());
            var (ethnicity, site, stratum, psu) = (Text()!, Text()!, Text(), Text());
            var (weight, fastingWeight, visitCount, observations, recordKey) = (r.ReadSingle(), r.ReadSingle(), r.ReadInt16(), r.ReadInt32(), r.ReadUInt32());
            var byMarker = p.Numbers<int>();
            var visits = new VisitSummary[p.Count()];
            for (var k = 0; k < visits.Length; k++)
            {
                var (day, category, phase, flags, shape) = (r.ReadInt32(), r.ReadByte(), r.ReadByte(), r.ReadUInt16(), r.ReadByte());
                visits[k] = new VisitSummary(day, category, phase, p.Numbers<float>(), flags, shape);
            }
            summaries[i] = new ParticipantSummary
            {
                ParticipantId = id, Sex = sex, BirthYear = birthYear, Ethnicity = ethnicity, Site = site, SurveyStratum = stratum, SurveyPsu = psu,
                SurveyWeight = weight, FastingSurveyWeight = fastingWeight, Visits = visitCount, Observations = observations, RecordKey = recordKey,
                ObservationsByMarker = byMarker, AllVisits = visits,
            };
        }
        var events = new EventRows[p.Count()];
        for (var b = 0; b < events.Length; b++)
        {
            var n = p.Count();
            var (ids, codes, days) = (new string[n], new string[n], new int[n]);
            for (var i = 0; i < n; i++) (ids[i], codes[i], days[i]) = (r.ReadString(), Text()!, r.ReadInt32());
            events[b] = new EventRows(ids, codes, days);
        }
        var given = p.Version < 2 ? [] : new UnchangedRows[p.Count()];
        for (var k = 0; k < given.Length; k++) given[k] = new(r.ReadString(), p.Numbers<ulong>());
        var keeping = p.Version < 2 ? [] : p.Texts();
        return (summaries, events, given, keeping);

        string? Text()
        {
            var code = r.Read7BitEncodedInt();
            if (code < 0) throw new InvalidDataException($"{What} names text {code} at byte {p.Position}");
            if (code == 0) return null;
            if (code <= texts.Count) return texts[code - 1];
            if (code != texts.Count + 1) throw new InvalidDataException($"{What} names text {code} before it is given, at byte {p.Position}");
            texts.Add(r.ReadString());
            return texts[^1];
        }
    }, oldest: 1);
}
