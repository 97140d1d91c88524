using System.Runtime.InteropServices;
using Cohort.Contracts.Participants;
using Orleans.Serialization;

namespace Cohort.Grains.Participants;

/// <summary>
/// The stored form of a <see cref="ParticipantState"/>: the observation columns (the bulk of a participant, about 75 rows of nine
/// fields) written as raw arrays, the rest (demographics, factors, record key, pending run) by Orleans' serializer. Orleans encodes
/// an array element by element with a field header each, which made serializing participants a third of a shard's write work in an
/// ingest. Little-endian: the magic "CPST", a version byte, the length and bytes of the rest, then the observations, then a flag and
/// the observations of <see cref="ParticipantState.Before"/>. Columns are a row count, each column's raw bytes in turn, then the unit
/// spellings and the run ids as counted texts. States stored before 3 December 2026 are Orleans' serialization of the whole state,
/// which never begins with the magic, and are still read.
/// </summary>
internal static class ParticipantPacking
{
    private static ReadOnlySpan<byte> Magic => "CPST"u8;
    private const byte Version = 1;

    public static bool IsPacked(byte[] data) => data.AsSpan().StartsWith(Magic);

    public static byte[] Pack(ParticipantState s, Serializer serializer)
    {
        if (!BitConverter.IsLittleEndian) throw new PlatformNotSupportedException("packed participant states are little-endian");
        var rest = serializer.SerializeToArray(new ParticipantState
        {
            Demographics = s.Demographics, Factors = s.Factors, RecordKey = s.RecordKey, PendingRun = s.PendingRun,
            Before = s.Before is { } b ? new ParticipantSnapshot { Demographics = b.Demographics, Factors = b.Factors, Existed = b.Existed } : null,
        });
        // Written into an array of exactly its size: no stream growing, no final copy (an ingest packs every participant it writes).
        var size = Magic.Length + 1 + VarSize(rest.Length) + rest.Length + SizeOf(s.Observations) + 1 + (s.Before is { } p ? SizeOf(p.Observations) : 0);
        var bytes = new byte[size];
        using var stream = new MemoryStream(bytes, writable: true);
        using var w = new BinaryWriter(stream);
        w.Write(Magic);
        w.Write(Version);
        w.Write7BitEncodedInt(rest.Length);
        w.Write(rest);
        Columns(w, s.Observations);
        w.Write(s.Before is not null);
        if (s.Before is { } before) Columns(w, before.Observations);
        w.Flush();
        return stream.Position == size ? bytes : throw new InvalidOperationException($"a participant state packed into {stream.Position} bytes, not the {size} reckoned");
    }

    /// <summary>The packed size of columns: a row count, 32 bytes a row, and two lists of texts as <see cref="BinaryWriter"/> writes them.</summary>
    private static int SizeOf(ObservationColumns c) => VarSize(c.Count) + 32 * c.Count + TextsSize(c.UnitSpellings) + TextsSize(c.Runs);

    private static int TextsSize(string[] texts)
    {
        var size = VarSize(texts.Length);
        foreach (var t in texts)
        {
            var n = System.Text.Encoding.UTF8.GetByteCount(t);
            size += VarSize(n) + n;
        }
        return size;
    }

    /// <summary>The bytes of a 7-bit encoded count.</summary>
    private static int VarSize(int n) => n < 1 << 7 ? 1 : n < 1 << 14 ? 2 : n < 1 << 21 ? 3 : n < 1 << 28 ? 4 : 5;

    private static void Columns(BinaryWriter w, ObservationColumns c)
    {
        var n = c.Count;
        w.Write7BitEncodedInt(n);
        Numbers(c.Marker);
        Numbers(c.TakenAt);
        Numbers(c.OgttMinute);
        Numbers(c.Value);
        Numbers(c.RawValue);
        Numbers(c.RawUnit);
        Numbers(c.Fasting);
        Numbers(c.Flags);
        Numbers(c.Run);
        Texts(c.UnitSpellings);
        Texts(c.Runs);

        void Numbers<T>(T[] values) where T : struct
        {
            if (values.Length != n) throw new InvalidOperationException($"a participant's observation columns differ in length ({values.Length} {typeof(T).Name} values for {n} rows)");
            w.Write(MemoryMarshal.AsBytes(values.AsSpan()));
        }

        void Texts(string[] texts)
        {
            w.Write7BitEncodedInt(texts.Length);
            foreach (var t in texts) w.Write(t);
        }
    }

    public static ParticipantState Unpack(byte[] bytes, Serializer serializer)
    {
        if (!BitConverter.IsLittleEndian) throw new PlatformNotSupportedException("packed participant states are little-endian");
        if (!IsPacked(bytes)) throw new InvalidDataException("a participant state does not begin with CPST");
        using var stream = new MemoryStream(bytes, writable: false);
        using var r = new BinaryReader(stream);
        try
        {
            stream.Position = Magic.Length;
            if (r.ReadByte() is var version and not Version) throw new InvalidDataException($"a participant state is packed in version {version}, which this build does not read");
            var rest = r.ReadBytes(Count());
            var s = serializer.Deserialize<ParticipantState>(rest) ?? throw new InvalidDataException("a participant state holds no state");
            s.Observations = Columns();
            var hasBefore = r.ReadBoolean();
            if (hasBefore != s.Before is not null) throw new InvalidDataException($"a participant state's published copy is {(hasBefore ? "packed but not described" : "described but not packed")}");
            if (s.Before is { } before) before.Observations = Columns();
            if (stream.Position != bytes.Length) throw new InvalidDataException($"a participant state holds {bytes.Length - stream.Position} bytes past its observations");
            return s;
        }
        catch (EndOfStreamException)
        {
            throw new InvalidDataException($"a participant state ends early, at byte {stream.Position} of {bytes.Length}");
        }
        catch (Exception e) when (e is FormatException or IOException)
        {
            throw new InvalidDataException($"a participant state holds a malformed count or text at byte {stream.Position}: {e.Message}");
        }

        int Count()
        {
            var n = r.Read7BitEncodedInt();
            return n >= 0 && n <= bytes.Length ? n : throw new InvalidDataException($"a participant state gives a count of {n} at byte {stream.Position}");
        }

        ObservationColumns Columns()
        {
            var n = Count();
            return new ObservationColumns
            {
                Marker = Numbers<byte>(n), TakenAt = Numbers<long>(n), OgttMinute = Numbers<short>(n), Value = Numbers<double>(n),
                RawValue = Numbers<double>(n), RawUnit = Numbers<byte>(n), Fasting = Numbers<sbyte>(n), Flags = Numbers<byte>(n),
                Run = Numbers<ushort>(n), UnitSpellings = Texts(), Runs = Texts(),
            };
        }

        T[] Numbers<T>(int n) where T : struct
        {
            var values = new T[n];
            stream.ReadExactly(MemoryMarshal.AsBytes(values.AsSpan()));
            return values;
        }

        string[] Texts()
        {
            var texts = new string[Count()];
            for (var i = 0; i < texts.Length; i++) texts[i] = r.ReadString();
            return texts;
        }
    }
}
