using System.Buffers;
using System.Collections.Concurrent;

namespace Cohort.Ingest.Ingestion;

/// <summary>
/// The arrays one reader reuses from row group to row group: the columns of its blocks and its scratch space, one pool per element
/// type. The shared pool did not serve here: it keeps a returned array with the thread that returned it, and a block is read on one
/// thread and returned on another, so nearly every row group allocated its arrays afresh, tens of megabytes on the large-object heap.
/// These pools go with their reader, so nothing of a run's size stays after it.
/// </summary>
public sealed class ReadBuffers
{
    /// <summary>
    /// Arrays of a kind kept at once: a block has three text columns (participant, marker, unit), and a run's stages hold up to three
    /// blocks at a time (one being read, one waiting, one being validated), with room to spare. At 6, three of every nine text
    /// columns were allocated afresh: a fifth of a 100k run's large-object allocations, each a step towards a full collection.
    /// </summary>
    private const int ArraysPerSize = 12;

    private readonly ConcurrentDictionary<Type, object> _pools = new();

    /// <summary>The pool of <typeparamref name="T"/> arrays; with no buffers (null), the process's shared pool.</summary>
    public static ArrayPool<T> Of<T>(ReadBuffers? buffers) =>
        buffers is null ? ArrayPool<T>.Shared : (ArrayPool<T>)buffers._pools.GetOrAdd(typeof(T), _ => ArrayPool<T>.Create(Array.MaxLength, ArraysPerSize));
}
