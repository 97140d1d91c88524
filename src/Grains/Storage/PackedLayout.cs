using System.Runtime.InteropServices;
using System.Text;

namespace Cohort.Grains.Storage;

/// <summary>
/// What the layouts of Cohort's own share (a shard segment, <c>SegmentPacking</c>; a participant state, <c>ParticipantPacking</c>):
/// little-endian; a four-letter magic and a version byte first; counts 7-bit encoded; number arrays as their raw bytes; texts as
/// <see cref="BinaryWriter"/> writes them (their UTF-8 length, then the bytes). Reading refuses anything else as
/// <see cref="InvalidDataException"/> naming what was read and the byte where it went wrong.
/// </summary>
internal sealed class PackedLayout
{
    private readonly byte[] _bytes;
    private readonly MemoryStream _stream;
    private readonly string _what;

    private PackedLayout(byte[] bytes, MemoryStream stream, BinaryReader reader, string what) => (_bytes, _stream, Reader, _what) = (bytes, stream, reader, what);

    public BinaryReader Reader { get; }

    /// <summary>The version the bytes were packed in (between the oldest and the newest this build reads).</summary>
    public byte Version { get; private set; }

    /// <summary>The byte the reader is at.</summary>
    public long Position => _stream.Position;

    public static void CheckEndianness(string what)
    {
        if (!BitConverter.IsLittleEndian) throw new PlatformNotSupportedException($"{what}s are packed little-endian");
    }

    /// <summary>A writer of the magic and version, into <paramref name="stream"/>.</summary>
    public static BinaryWriter Begin(Stream stream, ReadOnlySpan<byte> magic, byte version, string what)
    {
        CheckEndianness(what);
        var w = new BinaryWriter(stream);
        w.Write(magic);
        w.Write(version);
        return w;
    }

    /// <summary>
    /// Reads <paramref name="bytes"/> with <paramref name="read"/> after checking the magic and version (<paramref name="version"/>, or
    /// one as old as <paramref name="oldest"/>: <see cref="Version"/> says which), and requires every byte read; <paramref name="what"/>
    /// names it in every refusal ("a shard segment"), <paramref name="end"/> says what should have been last.
    /// </summary>
    public static T Read<T>(byte[] bytes, ReadOnlySpan<byte> magic, byte version, string what, string end, Func<PackedLayout, T> read, byte? oldest = null)
    {
        CheckEndianness(what);
        if (!bytes.AsSpan().StartsWith(magic)) throw new InvalidDataException($"{what} does not begin with {Encoding.ASCII.GetString(magic)}");
        using var stream = new MemoryStream(bytes, writable: false);
        using var reader = new BinaryReader(stream);
        var layout = new PackedLayout(bytes, stream, reader, what);
        try
        {
            stream.Position = magic.Length;
            if (reader.ReadByte() is var found && (found > version || found < (oldest ?? version)))
                throw new InvalidDataException($"{what} is packed in version {found}, which this build does not read");
            layout.Version = found;
            var result = read(layout);
            if (stream.Position != bytes.Length) throw new InvalidDataException($"{what} holds {bytes.Length - stream.Position} bytes past its {end}");
            return result;
        }
        catch (EndOfStreamException)
        {
            throw new InvalidDataException($"{what} ends early, at byte {stream.Position} of {bytes.Length}");
        }
        catch (Exception e) when (e is FormatException or IOException)
        {
            throw new InvalidDataException($"{what} holds a malformed count or text at byte {stream.Position}: {e.Message}");
        }
    }

    /// <summary>A count, refused when negative or larger than the data could hold.</summary>
    public int Count()
    {
        var n = Reader.Read7BitEncodedInt();
        return n >= 0 && n <= _bytes.Length ? n : throw new InvalidDataException($"{_what} gives a count of {n} at byte {Position}");
    }

    /// <summary>A counted number array.</summary>
    public T[] Numbers<T>() where T : unmanaged => Numbers<T>(Count());

    /// <summary><paramref name="n"/> numbers.</summary>
    public T[] Numbers<T>(int n) where T : unmanaged
    {
        var values = new T[n];
        Reader.BaseStream.ReadExactly(MemoryMarshal.AsBytes(values.AsSpan()));
        return values;
    }

    /// <summary><paramref name="n"/> bytes, refused when fewer are left.</summary>
    public byte[] Bytes(int n)
    {
        var bytes = Reader.ReadBytes(n);
        return bytes.Length == n ? bytes : throw new EndOfStreamException();
    }

    /// <summary>A counted array of texts.</summary>
    public string[] Texts()
    {
        var texts = new string[Count()];
        for (var i = 0; i < texts.Length; i++) texts[i] = Reader.ReadString();
        return texts;
    }

    /// <summary>A counted array of texts, as <see cref="Texts"/> reads it.</summary>
    public static void WriteTexts(BinaryWriter w, IReadOnlyCollection<string> texts)
    {
        w.Write7BitEncodedInt(texts.Count);
        foreach (var t in texts) w.Write(t);
    }

    /// <summary>Numbers as their raw bytes (no count: the caller writes one where the reader needs it).</summary>
    public static void WriteNumbers<T>(BinaryWriter w, T[] values) where T : unmanaged => w.Write(MemoryMarshal.AsBytes(values.AsSpan()));
}
