using System.Buffers;
using System.Collections.Concurrent;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace Cohort.Ingest.Ingestion;

/// <summary>
/// The arrays one reader reuses from row group to row group: the columns of its blocks and its scratch space, one pool per element
/// type. The shared pool did not serve here: it keeps a returned array with the thread that returned it, and a block is read on one
/// thread and returned on another, so nearly every row group allocated its arrays afresh, tens of megabytes on the large-object heap.
/// These pools go with their reader, so nothing of a run's size stays after it. An array is made a little larger than asked (at most
/// an eighth) rather than the next power of two, and without zeroing unless it holds references: a row group of 755,000 rows took
/// arrays of 1,048,576, each cleared before its first use (at 100k × 4, about 10,000 of the run's 210,000 page faults fewer, and
/// 30–70 MB less memory at its peak).
/// </summary>
public sealed class ReadBuffers
{
    /// <summary>
    /// Arrays of an element type kept at once, whatever their lengths: a block has three text columns (participant, marker, unit),
    /// and a run's stages hold up to three blocks at a time (one being read, one waiting, one being validated), with room to spare.
    /// At 6, three of every nine text columns were allocated afresh: a fifth of a 100k run's large-object allocations, each a step
    /// towards a full collection.
    /// </summary>
    private const int ArraysKept = 12;

    private readonly ConcurrentDictionary<Type, object> _pools = new();

    /// <summary>The pool of <typeparamref name="T"/> arrays; with no buffers (null), the process's shared pool.</summary>
    public static ArrayPool<T> Of<T>(ReadBuffers? buffers) =>
        buffers is null ? ArrayPool<T>.Shared : (ArrayPool<T>)buffers._pools.GetOrAdd(typeof(T), _ => new Pool<T>());

    /// <summary>The length an array asked for <paramref name="length"/> long is made: rounded up to an eighth of its power of two.</summary>
    internal static int Rounded(int length)
    {
        if (length <= 16) return 16;
        var step = 1L << Math.Max(0, BitOperations.Log2((uint)length) - 3);
        return (int)Math.Min(Array.MaxLength, (length + step - 1) / step * step);
    }

    /// <summary>Up to <see cref="ArraysKept"/> arrays of any length; a rental takes the shortest that is long enough.</summary>
    private sealed class Pool<T> : ArrayPool<T>
    {
        private readonly List<T[]> _free = [];
        private readonly Lock _gate = new();

        public override T[] Rent(int minimumLength)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(minimumLength);
            if (minimumLength == 0) return [];
            lock (_gate)
            {
                var best = -1;
                for (var k = 0; k < _free.Count; k++)
                    if (_free[k].Length >= minimumLength && (best < 0 || _free[k].Length < _free[best].Length)) best = k;
                if (best >= 0)
                {
                    var kept = _free[best];
                    _free.RemoveAt(best);
                    return kept;
                }
            }
            var length = Rounded(minimumLength);
            return RuntimeHelpers.IsReferenceOrContainsReferences<T>() ? new T[length] : GC.AllocateUninitializedArray<T>(length);
        }

        public override void Return(T[] array, bool clearArray = false)
        {
            if (array.Length == 0) return;
            if (clearArray) Array.Clear(array);
            lock (_gate)
                if (_free.Count < ArraysKept) _free.Add(array);
        }
    }
}
