namespace Cohort.Dashboard.Rendering;

/// <summary>Query strings for links to the same numbers elsewhere: a page's parameters with some dropped and some set.</summary>
internal static class QueryText
{
    /// <summary>The parameters of <paramref name="query"/> except <paramref name="drop"/>, after <paramref name="set"/> (without a leading '?').</summary>
    public static string Of(IQueryCollection query, IEnumerable<string> drop, params (string Key, string Value)[] set)
    {
        // Query keys bind without regard to case, so "Sex" is dropped with "sex".
        var dropped = drop.Concat(set.Select(s => s.Key)).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var pairs = query.Where(kv => !dropped.Contains(kv.Key)).SelectMany(kv => kv.Value.Select(v => (kv.Key, Value: v ?? "")));
        return string.Join("&", set.Concat(pairs).Select(p => $"{Uri.EscapeDataString(p.Item1)}={Uri.EscapeDataString(p.Item2)}"));
    }
}
