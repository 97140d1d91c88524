using System.Runtime.InteropServices;

namespace Cohort.Grains.Shards;

/// <summary>
/// A numeric column stored as its raw little-endian bytes. Orleans' serializer writes a number array element by element, each with
/// a field header; a shard's columns hold about 160 numbers per participant, so at a million participants that is 160 M headers to
/// write at every base write and read at every restart. As bytes a column is one copy each way.
/// </summary>
internal static class PackedColumn
{
    public static byte[] Pack<T>(T[] values) where T : unmanaged
    {
        if (!BitConverter.IsLittleEndian) throw new PlatformNotSupportedException("packed shard columns are little-endian");
        return MemoryMarshal.AsBytes(values.AsSpan()).ToArray();
    }

    public static T[] Unpack<T>(byte[] bytes) where T : unmanaged
    {
        if (!BitConverter.IsLittleEndian) throw new PlatformNotSupportedException("packed shard columns are little-endian");
        if (bytes.Length % System.Runtime.CompilerServices.Unsafe.SizeOf<T>() != 0)
            throw new InvalidDataException($"a packed column of {typeof(T).Name} has {bytes.Length} bytes, not a whole number of values");
        return MemoryMarshal.Cast<byte, T>(bytes).ToArray();
    }

    public static byte[][] Pack<T>(T[][] columns) where T : unmanaged => [.. columns.Select(Pack)];

    public static T[][] Unpack<T>(byte[][] columns) where T : unmanaged => [.. columns.Select(Unpack<T>)];
}
