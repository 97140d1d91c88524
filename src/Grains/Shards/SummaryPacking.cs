using System.Runtime.InteropServices;
using Cohort.Contracts.Queries;

namespace Cohort.Grains.Shards;

/// <summary>
/// The stored form of a shard segment's participant summaries: one byte string written and read field by field here, rather than by
/// Orleans' serializer, whose reference tracking and per-element codecs made up a quarter of a 1M-participant replay. Little-endian;
/// a version byte, the count, then each summary in order. Site, ethnicity and survey-design texts are written once per segment and
/// then named by number (0 null, k the k-th text, one past the last a new text that follows), so a replay shares one string of each.
/// Number arrays (observations by marker, each visit's metrics) are a length then their raw bytes.
/// </summary>
internal static class SummaryPacking
{
    private const byte Version = 1;

    public static byte[] Pack(IReadOnlyList<ParticipantSummary> summaries)
    {
        if (!BitConverter.IsLittleEndian) throw new PlatformNotSupportedException("packed summaries are little-endian");
        using var stream = new MemoryStream();
        using var w = new BinaryWriter(stream);
        var texts = new Dictionary<string, int>(StringComparer.Ordinal);
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

    public static ParticipantSummary[] Unpack(byte[] bytes)
    {
        if (!BitConverter.IsLittleEndian) throw new PlatformNotSupportedException("packed summaries are little-endian");
        using var stream = new MemoryStream(bytes, writable: false);
        using var r = new BinaryReader(stream);
        var texts = new List<string>();
        try
        {
            if (r.ReadByte() is var version and not Version) throw new InvalidDataException($"a shard segment's summaries are packed in version {version}, which this build does not read");
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
            if (stream.Position != bytes.Length) throw new InvalidDataException($"a shard segment's packed summaries hold {bytes.Length - stream.Position} bytes past the last summary");
            return summaries;
        }
        catch (EndOfStreamException)
        {
            throw new InvalidDataException($"a shard segment's packed summaries end early, at byte {stream.Position} of {bytes.Length}");
        }

        int Count()
        {
            var n = r.Read7BitEncodedInt();
            return n >= 0 && n <= bytes.Length ? n : throw new InvalidDataException($"a shard segment's packed summaries give a count of {n} at byte {stream.Position}");
        }

        string? Text()
        {
            var code = Count();
            if (code == 0) return null;
            if (code <= texts.Count) return texts[code - 1];
            if (code != texts.Count + 1) throw new InvalidDataException($"a shard segment's packed summaries name text {code} before it is given, at byte {stream.Position}");
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
