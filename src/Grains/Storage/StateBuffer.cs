using System.Buffers;

namespace Cohort.Grains.Storage;

/// <summary>
/// Pooled space for the packed states of one group-commit call (<see cref="Participants.ParticipantWriter"/> packs every state it changes into it):
/// a 100k ingest packed each of its 100,000 participant states (about 2.7 KB) into an array of its own, kept alive from packing until
/// the write was durable, so most of them outlived a collection or two and were copied between generations before they died. Space
/// is taken in slices of pooled chunks and given back together once the call's writes are acknowledged (the store has copied them).
/// </summary>
public sealed class StateBuffer
{
    private const int ChunkBytes = 1 << 20;
    private readonly List<byte[]> _chunks = [];
    private int _used;

    /// <summary>A slice of exactly <paramref name="size"/> bytes, valid until <see cref="Release"/>.</summary>
    public ArraySegment<byte> Take(int size)
    {
        if (_chunks.Count == 0 || _chunks[^1].Length - _used < size)
        {
            _chunks.Add(ArrayPool<byte>.Shared.Rent(Math.Max(size, ChunkBytes)));
            _used = 0;
        }
        var slice = new ArraySegment<byte>(_chunks[^1], _used, size);
        _used += size;
        return slice;
    }

    /// <summary>
    /// Gives the chunks back to the pool. Only once the store has acknowledged every write that names them: a slice still queued
    /// would be overwritten by the chunk's next user.
    /// </summary>
    public void Release()
    {
        foreach (var c in _chunks) ArrayPool<byte>.Shared.Return(c);
        _chunks.Clear();
        _used = 0;
    }
}
