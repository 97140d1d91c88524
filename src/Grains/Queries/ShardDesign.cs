using Cohort.Contracts.Queries;
using Cohort.Grains.Shards;

namespace Cohort.Grains.Queries;

/// <summary>
/// A shard's survey design for one query: its (stratum, PSU) pairs in code order, and each participant's pair (−1 when the file gave
/// either one empty), found once so that a prevalence's per-participant sums index arrays instead of hashing.
/// </summary>
internal sealed class ShardDesign
{
    private readonly ShardState _state;

    public ShardDesign(ShardState s)
    {
        _state = s;
        var index = new Dictionary<uint, int>();
        var pairs = new List<uint>();
        var raw = new int[s.Count];
        for (var slot = 0; slot < s.Count; slot++)
        {
            if (s.Dictionary[s.SurveyStratum[slot]].Length == 0 || s.Dictionary[s.SurveyPsu[slot]].Length == 0) { raw[slot] = -1; continue; }
            var key = (uint)s.SurveyStratum[slot] << 16 | s.SurveyPsu[slot];
            if (!index.TryGetValue(key, out var i)) { index[key] = i = pairs.Count; pairs.Add(key); }
            raw[slot] = i;
        }
        // Renumbered in code order (stratum, then PSU), the order a shard's cells are listed in.
        var order = Enumerable.Range(0, pairs.Count).OrderBy(i => pairs[i]).ToArray();
        var rank = new int[pairs.Count];
        for (var r = 0; r < order.Length; r++) rank[order[r]] = r;
        Pairs = order.Select(i => ((ushort)(pairs[i] >> 16), (ushort)(pairs[i] & 0xFFFF))).ToArray();
        for (var slot = 0; slot < raw.Length; slot++) if (raw[slot] >= 0) raw[slot] = rank[raw[slot]];
        PairOf = raw;
    }

    /// <summary>The (stratum, PSU) pairs as dictionary codes, in code order.</summary>
    public (ushort Stratum, ushort Psu)[] Pairs { get; }

    /// <summary>Each slot's index into <see cref="Pairs"/>, or −1.</summary>
    public int[] PairOf { get; }

    public string StratumOf(int pair) => _state.Dictionary[Pairs[pair].Stratum];

    public string PsuOf(int pair) => _state.Dictionary[Pairs[pair].Psu];

    /// <summary>Every (stratum, PSU) of the design among the shard's participants, by name (null when nobody has one).</summary>
    public PsuCell[]? Psus() => Pairs.Length == 0 ? null
        : Enumerable.Range(0, Pairs.Length).Select(p => (Stratum: StratumOf(p), Psu: PsuOf(p)))
            .OrderBy(p => p.Stratum, StringComparer.Ordinal).ThenBy(p => p.Psu, StringComparer.Ordinal)
            .Select(p => new PsuCell(p.Stratum, p.Psu, -1, 0, 0, 0)).ToArray();
}
