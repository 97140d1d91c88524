using System.Runtime.CompilerServices;
using Cohort.Contracts.Participants;
using Cohort.Grains.Storage;
using Orleans.Serialization;

namespace Cohort.Grains.Participants;

/// <summary>
/// The stored form of a <see cref="ParticipantState"/> (<see cref="PackedLayout"/>): the observation columns (the bulk of a
/// participant, about 75 rows of nine fields) written as raw arrays, the rest (demographics, factors, record key, pending run) by
/// Orleans' serializer. Orleans encodes a number array element by element, which made serializing participants a third of a shard's
/// write work in an ingest. The magic "CPST", a version byte, the length and bytes of the rest, then the observations, then a flag and
/// the observations of <see cref="ParticipantState.Before"/>. Columns are a row count, each column's raw bytes in turn (32 bytes a
/// row), then the unit spellings and the run ids as counted texts. States stored before 3 December 2026 are Orleans' serialization of
/// the whole state, which never begins with the magic, and are still read.
/// </summary>
internal static class ParticipantPacking
{
    private static ReadOnlySpan<byte> Magic => "CPST"u8;
    private const byte Version = 1;
    private const string What = "a participant state";

    public static bool IsPacked(byte[] data) => data.AsSpan().StartsWith(Magic);

    public static byte[] Pack(ParticipantState s, Serializer serializer) => Pack(s, serializer, size => new byte[size]).Array!;

    /// <summary>The state packed into a slice of <paramref name="into"/> (an ingest packs every participant it writes).</summary>
    public static ArraySegment<byte> Pack(ParticipantState s, Serializer serializer, StateBuffer into) => Pack(s, serializer, into.Take);

    private static ArraySegment<byte> Pack(ParticipantState s, Serializer serializer, Func<int, ArraySegment<byte>> space)
    {
        // The rest is the state itself with its observations left out for the moment (so that a field added to it is stored too).
        var (observations, published) = (s.Observations, s.Before?.Observations);
        byte[] rest;
        try
        {
            s.Observations = Empty;
            if (s.Before is { } b) b.Observations = Empty;
            rest = serializer.SerializeToArray(s);
        }
        finally
        {
            s.Observations = observations;
            if (s.Before is { } b) b.Observations = published!;
        }
        // Written into space of exactly its size: no stream growing, no final copy.
        var size = Magic.Length + 1 + VarSize(rest.Length) + rest.Length + SizeOf(observations) + 1 + (published is null ? 0 : SizeOf(published));
        var bytes = space(size);
        using var stream = new MemoryStream(bytes.Array!, bytes.Offset, bytes.Count, writable: true);
        using var w = PackedLayout.Begin(stream, Magic, Version, What);
        w.Write7BitEncodedInt(rest.Length);
        w.Write(rest);
        Columns(w, observations);
        w.Write(published is not null);
        if (published is not null) Columns(w, published);
        w.Flush();
        return stream.Position == size ? bytes : throw new InvalidOperationException($"{What} packed into {stream.Position} bytes, not the {size} reckoned");
    }

    private static readonly ObservationColumns Empty = new();

    /// <summary>
    /// The columns in the order they are packed. <see cref="ObservationColumns"/> gaining a column must add it here, and to
    /// <see cref="Unpack"/>, with a new <see cref="Version"/> (a test holds the list of columns).
    /// </summary>
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
        PackedLayout.WriteTexts(w, c.UnitSpellings);
        PackedLayout.WriteTexts(w, c.Runs);

        void Numbers<T>(T[] values, [CallerArgumentExpression(nameof(values))] string column = "") where T : unmanaged
        {
            if (values.Length != n) throw new InvalidOperationException($"{What} has {values.Length} values in its column {column} for {n} rows");
            PackedLayout.WriteNumbers(w, values);
        }
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

    public static ParticipantState Unpack(byte[] bytes, Serializer serializer) => PackedLayout.Read(bytes, Magic, Version, What, "observations", p =>
    {
        var rest = p.Bytes(p.Count());
        ParticipantState? s;
        try
        {
            s = serializer.Deserialize<ParticipantState>(rest);
        }
        catch (Exception e) when (e is not InvalidDataException)
        {
            throw new InvalidDataException($"{What} holds demographics and factors that do not read ({e.GetType().Name}: {e.Message}), in its bytes 5 to {p.Position}");
        }
        if (s is null) throw new InvalidDataException($"{What} holds no state");
        s.Observations = Columns();
        var hasBefore = p.Reader.ReadBoolean();
        if (hasBefore != s.Before is not null) throw new InvalidDataException($"{What}'s published copy is {(hasBefore ? "packed but not described" : "described but not packed")}");
        if (s.Before is { } before) before.Observations = Columns();
        return s;

        ObservationColumns Columns()
        {
            var n = p.Count();
            return new ObservationColumns
            {
                Marker = p.Numbers<byte>(n), TakenAt = p.Numbers<long>(n), OgttMinute = p.Numbers<short>(n), Value = p.Numbers<double>(n),
                RawValue = p.Numbers<double>(n), RawUnit = p.Numbers<byte>(n), Fasting = p.Numbers<sbyte>(n), Flags = p.Numbers<byte>(n),
                Run = p.Numbers<ushort>(n), UnitSpellings = p.Texts(), Runs = p.Texts(),
            };
        }
    });
}
