using System.Runtime.InteropServices;
using Cohort.Contracts.Outcomes;
using Cohort.Contracts.Queries;

namespace Cohort.Grains.Shards;

/// <summary>
/// The stored form of a shard segment (one row of a shard's log): written and read field by field here, not by Orleans' serializer,
/// whose reference tracking, per-element codecs and extra copy of every blob made up a third of a 1M-participant replay. Little-endian:
/// the magic "CSEG", a version byte, the summaries (a count, then each in order), then the event rows (a count of blocks, then each
/// block's count and rows). Site, ethnicity, survey-design and event texts are written once per segment and then named by number (0 null,
/// k the k-th text, one past the last a new text that follows), so a replay shares one string of each. Number arrays (observations by
/// marker, each visit's metrics) are a length then their raw bytes. Segments stored before 2 December 2026 (evening) were Orleans'
/// serialization of <see cref="ShardSegment"/>, which never begins with the magic.
/// </summary>
internal static class SegmentPacking
{
    private static ReadOnlySpan<byte> Magic => "CSEG"u8;
    private const byte Version = 1;

    /// <summary>Whether <paramref name="data"/> is a segment in this layout (not one of the earlier Orleans layout).</summary>
    public static bool IsPacked(byte[] data) => data.AsSpan().StartsWith(Magic);

    public static byte[] Pack(IReadOnlyList<ParticipantSummary> summaries, IReadOnlyList<EventRows> events)
    {
        if (!BitConverter.IsLittleEndian) throw new PlatformNotSupportedException("packed segments are little-endian");
        using var stream = new MemoryStream(SizeOf(summaries, events));
        using var w = new BinaryWriter(stream);
        var texts = new Dictionary<string, int>(StringComparer.Ordinal);
        w.Write(Magic);
        w.Write(Version);
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

        void Numbers<T>(T[] values) where T : struct
        {
            w.Write7BitEncodedInt(values.Length);
            w.Write(MemoryMarshal.AsBytes(values.AsSpan()));
        }
    }

    /// <summary>
    /// About the packed size (a little over, as texts shared in a segment are counted each time): a segment is hundreds of kilobytes,
    /// and a stream that grows by doubling allocated about twice that again on the large-object heap.
    /// </summary>
    private static int SizeOf(IReadOnlyList<ParticipantSummary> summaries, IReadOnlyList<EventRows> events)
    {
        long size = 16;
        foreach (var s in summaries)
        {
            size += 40 + 3 * s.ParticipantId.Length + 4 * s.ObservationsByMarker.Length;
            foreach (var v in s.AllVisits) size += 16 + 4 * v.Metrics.Length;
        }
        foreach (var rows in events) size += 8 + 40L * rows.Count;
        return (int)Math.Min(size, Array.MaxLength);
    }

    public static (ParticipantSummary[] Summaries, EventRows[] Events) Unpack(byte[] bytes)
    {
        if (!BitConverter.IsLittleEndian) throw new PlatformNotSupportedException("packed segments are little-endian");
        if (!IsPacked(bytes)) throw new InvalidDataException("a shard segment does not begin with CSEG");
        using var stream = new MemoryStream(bytes, writable: false);
        using var r = new BinaryReader(stream);
        var texts = new List<string>();
        try
        {
            stream.Position = Magic.Length;
            if (r.ReadByte() is var version and not Version) throw new InvalidDataException($"a shard segment is packed in version {version}, which this build does not read");
            var summaries = new ParticipantSummary[Count()];
            for (var i = 0; i < summaries.Length; i++)
            {
                var (id, sex, birthYear) = (r.ReadString(), r.ReadByte(), r.ReadInt16());
                var (ethnicity, site, stratum, psu) = (Text()!, Text()!, Text(), Text());
                var (weight, fastingWeight, visitCount, observations, recordKey) = (r.ReadSingle(), r.ReadSingle(), r.ReadInt16(), r.ReadInt32(), r.ReadUInt32());
                var byMarker = Numbers<int>();
                var visits = new VisitSummary[Count()];
                for (var k = 0; k < visits.Length; k++)
                {
                    var (day, category, phase, flags, shape) = (r.ReadInt32(), r.ReadByte(), r.ReadByte(), r.ReadUInt16(), r.ReadByte());
                    visits[k] = new VisitSummary(day, category, phase, Numbers<float>(), flags, shape);
                }
                summaries[i] = new ParticipantSummary
                {
                    ParticipantId = id, Sex = sex, BirthYear = birthYear, Ethnicity = ethnicity, Site = site, SurveyStratum = stratum, SurveyPsu = psu,
                    SurveyWeight = weight, FastingSurveyWeight = fastingWeight, Visits = visitCount, Observations = observations, RecordKey = recordKey,
                    ObservationsByMarker = byMarker, AllVisits = visits,
                };
            }
            var events = new EventRows[Count()];
            for (var b = 0; b < events.Length; b++)
            {
                var n = Count();
                var (ids, codes, days) = (new string[n], new string[n], new int[n]);
                for (var i = 0; i < n; i++) (ids[i], codes[i], days[i]) = (r.ReadString(), Text()!, r.ReadInt32());
                events[b] = new EventRows(ids, codes, days);
            }
            if (stream.Position != bytes.Length) throw new InvalidDataException($"a shard segment holds {bytes.Length - stream.Position} bytes past its last row");
            return (summaries, events);
        }
        catch (EndOfStreamException)
        {
            throw new InvalidDataException($"a shard segment ends early, at byte {stream.Position} of {bytes.Length}");
        }
        catch (Exception e) when (e is FormatException or IOException)
        {
            throw new InvalidDataException($"a shard segment holds a malformed count or text at byte {stream.Position}: {e.Message}");
        }

        int Count()
        {
            var n = r.Read7BitEncodedInt();
            return n >= 0 && n <= bytes.Length ? n : throw new InvalidDataException($"a shard segment gives a count of {n} at byte {stream.Position}");
        }

        string? Text()
        {
            var code = r.Read7BitEncodedInt();
            if (code < 0) throw new InvalidDataException($"a shard segment names text {code} at byte {stream.Position}");
            if (code == 0) return null;
            if (code <= texts.Count) return texts[code - 1];
            if (code != texts.Count + 1) throw new InvalidDataException($"a shard segment names text {code} before it is given, at byte {stream.Position}");
            texts.Add(r.ReadString());
            return texts[^1];
        }

        T[] Numbers<T>() where T : struct
        {
            var values = new T[Count()];
            stream.ReadExactly(MemoryMarshal.AsBytes(values.AsSpan()));
            return values;
        }
    }
}
