namespace Cohort.Domain.Access;

/// <summary>
/// Growing delays for failed sign-ins of one account from one address: the first <see cref="Free"/> failures within the window cost
/// nothing; after n failures the next attempt must wait <see cref="First"/> × 2^(n − Free) from the last one (1, 2, 4, … s, up to
/// <see cref="Cap"/>).
/// Because the key is the pair, a stranger guessing the admin's password slows only themselves: the owner signing in from their own
/// address is never locked out (a lockout would be a denial of service anyone could cause).
/// </summary>
public sealed class SignInDelay(int free = 3, TimeSpan? window = null, TimeSpan? cap = null, TimeSpan? first = null)
{
    private readonly Dictionary<string, (int Count, DateTimeOffset Last)> _failures = new(StringComparer.Ordinal);

    public int Free { get; } = free;
    public TimeSpan Window { get; } = window ?? TimeSpan.FromMinutes(15);
    public TimeSpan Cap { get; } = cap ?? TimeSpan.FromMinutes(5);
    public TimeSpan First { get; } = first ?? TimeSpan.FromSeconds(1);

    public static string Key(string account, string address) => $"{account}\n{address}";

    /// <summary>How long the pair must wait before its next attempt, or null when it may try now.</summary>
    public TimeSpan? RetryAfter(string key, DateTimeOffset now)
    {
        if (!_failures.TryGetValue(key, out var f)) return null;
        if (f.Last + Window <= now) { _failures.Remove(key); return null; }
        if (f.Count < Free) return null;
        var until = f.Last + Delay(f.Count);
        return until > now ? until - now : null;
    }

    /// <summary>The wait after <paramref name="failures"/> failures.</summary>
    public TimeSpan Delay(int failures) => failures < Free ? TimeSpan.Zero
        : TimeSpan.FromSeconds(Math.Min(First.TotalSeconds * Math.Pow(2, failures - Free), Cap.TotalSeconds));

    public void Failed(string key, DateTimeOffset now)
    {
        var f = _failures.TryGetValue(key, out var seen) && seen.Last + Window > now ? seen : (Count: 0, Last: now);
        _failures[key] = (f.Count + 1, now);
        if (_failures.Count > 100_000)
            foreach (var (k, v) in _failures.ToArray())
                if (v.Last + Window <= now) _failures.Remove(k);
    }

    public void Succeeded(string key) => _failures.Remove(key);

    /// <summary>Forgets every pair of one account (an admin reset its password).</summary>
    public void Forget(string account)
    {
        foreach (var k in _failures.Keys.Where(k => k.StartsWith(account + "\n", StringComparison.Ordinal)).ToArray()) _failures.Remove(k);
    }
}
