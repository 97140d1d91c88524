namespace Cohort.Ingest.Ingestion;

/// <summary>
/// What was last found for an object, by the object's identity (and a small number beside it): a table of a fixed number of slots,
/// one entry a slot, a newer entry replacing an older one of the same slot. A reader hands over one object per distinct value of a
/// low-cardinality column (a marker code, a unit, a dictionary page's character array), and such a column changes value on nearly
/// every row of a long file: looked up here, a row costs one probe and no comparer calls, where a dictionary by identity cost a
/// hash, two interface calls and a bucket walk. A miss (a value not met lately, or pushed out by another of its slot) is left to the
/// caller's own look-up by text.
/// </summary>
internal sealed class RecentByIdentity<TKey, TValue> where TKey : class
{
    private readonly (TKey? Key, int Extra, TValue Value)[] _slots;
    private readonly int _mask;

    /// <param name="slots">A power of two.</param>
    public RecentByIdentity(int slots = 256)
    {
        if (slots <= 0 || (slots & (slots - 1)) != 0) throw new ArgumentOutOfRangeException(nameof(slots), slots, "a power of two");
        (_slots, _mask) = (new (TKey?, int, TValue)[slots], slots - 1);
    }

    public bool TryGet(TKey key, int extra, out TValue value)
    {
        ref var slot = ref Slot(key, extra);
        var hit = ReferenceEquals(slot.Key, key) && slot.Extra == extra;
        value = hit ? slot.Value : default!;
        return hit;
    }

    public void Set(TKey key, int extra, TValue value) => Slot(key, extra) = (key, extra, value);

    private ref (TKey? Key, int Extra, TValue Value) Slot(TKey key, int extra) =>
        ref _slots[(System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(key) * 31 + extra) & _mask];
}
