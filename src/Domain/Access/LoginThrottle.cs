namespace Cohort.Domain.Access;

/// <summary>
/// Failed sign-ins counted per key (an account name, a client address) in a sliding window: after <see cref="Limit"/> failures within
/// <see cref="Window"/> the key is refused, even with the right password, until the oldest failure leaves the window. A success clears
/// the account's count (not the address's: one address guessing many accounts stays throttled).
/// </summary>
public sealed class LoginThrottle(int limit = 5, TimeSpan? window = null)
{
    private readonly Dictionary<string, Queue<DateTimeOffset>> _failures = new(StringComparer.Ordinal);

    public int Limit { get; } = limit;
    public TimeSpan Window { get; } = window ?? TimeSpan.FromMinutes(10);

    /// <summary>How long the key must wait, or null when it may try now.</summary>
    public TimeSpan? RetryAfter(string key, DateTimeOffset now)
    {
        if (!_failures.TryGetValue(key, out var q)) return null;
        Expire(q, now);
        if (q.Count == 0) { _failures.Remove(key); return null; }
        return q.Count >= Limit ? q.Peek() + Window - now : null;
    }

    public void Failed(string key, DateTimeOffset now)
    {
        if (!_failures.TryGetValue(key, out var q)) _failures[key] = q = new Queue<DateTimeOffset>();
        Expire(q, now);
        q.Enqueue(now);
        if (_failures.Count > 100_000) Prune(now);
    }

    public void Succeeded(string key) => _failures.Remove(key);

    private void Expire(Queue<DateTimeOffset> q, DateTimeOffset now)
    {
        while (q.Count > 0 && q.Peek() + Window <= now) q.Dequeue();
    }

    private void Prune(DateTimeOffset now)
    {
        foreach (var (key, q) in _failures.ToArray())
        {
            Expire(q, now);
            if (q.Count == 0) _failures.Remove(key);
        }
    }
}
