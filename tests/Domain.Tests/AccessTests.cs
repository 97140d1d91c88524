using Cohort.Domain.Access;

namespace Cohort.Domain.Tests;

public sealed class AccessTests
{
    /// <summary>Golden values computed independently with Python's hmac module (key bytes 0..31).</summary>
    [Theory]
    [InlineData("P000001", "pp82fhhr0t2dzzb6z1ne1kgbp")]
    [InlineData("SEQN-93703", "pwbz7gsz95prhmsdeg82g1z6x")]
    public void The_pseudonym_is_the_documented_keyed_HMAC(string source, string expected)
    {
        var p = new Pseudonymiser(Enumerable.Range(0, 32).Select(i => (byte)i).ToArray());
        Assert.Equal(expected, p.Pseudonym(source));
        Assert.Equal(expected, new Pseudonymiser(Enumerable.Range(0, 32).Select(i => (byte)i).ToArray()).Pseudonym(source)); // another instance, same answer
    }

    [Fact]
    public void Another_key_gives_other_pseudonyms_and_short_keys_are_refused()
    {
        var a = new Pseudonymiser(new byte[32]);
        var b = new Pseudonymiser(Enumerable.Repeat((byte)1, 32).ToArray());
        Assert.NotEqual(a.Pseudonym("P0000001"), b.Pseudonym("P0000001"));
        Assert.NotEqual(a.KeyFingerprint(), b.KeyFingerprint());
        Assert.Contains("at least 32 bytes", Assert.Throws<ArgumentException>(() => new Pseudonymiser(new byte[16])).Message);
        Assert.Contains("base64", Assert.Throws<ArgumentException>(() => Pseudonymiser.ParseKey("not base64 !")).Message);
    }

    [Fact]
    public void Distinct_ids_give_distinct_pseudonyms()
    {
        var p = new Pseudonymiser(new byte[32]);
        var ids = Enumerable.Range(0, 50_000).Select(i => $"P{i:D7}").ToArray();
        Assert.Equal(ids.Length, ids.Select(p.Pseudonym).Distinct().Count());
        Assert.All(ids.Take(100).Select(p.Pseudonym), s => Assert.Matches("^p[0-9a-hjkmnp-tv-z]{24}$", s));
    }

    [Fact]
    public void Passwords_are_salted_and_verified()
    {
        var h1 = PasswordHash.Of("correct horse battery");
        var h2 = PasswordHash.Of("correct horse battery");
        Assert.NotEqual(h1, h2); // a fresh salt each time
        Assert.StartsWith($"pbkdf2-sha256${PasswordHash.Iterations}$", h1);
        Assert.True(PasswordHash.Matches(h1, "correct horse battery"));
        Assert.False(PasswordHash.Matches(h1, "correct horse batterY"));
        Assert.False(PasswordHash.Matches("garbage", "x"));
        Assert.NotNull(PasswordHash.Weakness("short", "ana"));
        Assert.NotNull(PasswordHash.Weakness("ana-is-my-password", "ana"));
        Assert.Null(PasswordHash.Weakness("correct horse battery", "ana"));
    }

    [Fact]
    public void Credentials_round_trip_and_match_only_their_own_hash()
    {
        var key = Credential.New(Credential.ApiKeyPrefix);
        var parsed = Credential.TryParse(key.ToString())!;
        Assert.Equal(key, parsed);
        var stored = key.SaltedHash();
        Assert.DoesNotContain(key.Secret, stored);
        Assert.True(parsed.Matches(stored));
        Assert.False(Credential.New(Credential.ApiKeyPrefix).Matches(stored));
        Assert.Null(Credential.TryParse("xx_a_b"));
        Assert.Null(Credential.TryParse("ck_only-two"));
        Assert.Null(Credential.TryParse(new string('c', 500)));
    }

    [Fact]
    public void Failed_sign_ins_lock_a_key_until_the_oldest_failure_leaves_the_window()
    {
        var throttle = new LoginThrottle(limit: 5, window: TimeSpan.FromMinutes(10));
        var t0 = new DateTimeOffset(2026, 11, 25, 8, 0, 0, TimeSpan.Zero);
        for (var i = 0; i < 4; i++) throttle.Failed("account:eng1", t0.AddSeconds(i));
        Assert.Null(throttle.RetryAfter("account:eng1", t0.AddSeconds(5)));
        throttle.Failed("account:eng1", t0.AddSeconds(5));
        Assert.Equal(TimeSpan.FromMinutes(10) - TimeSpan.FromSeconds(6), throttle.RetryAfter("account:eng1", t0.AddSeconds(6)));
        Assert.Null(throttle.RetryAfter("account:other", t0.AddSeconds(6)));
        Assert.Null(throttle.RetryAfter("account:eng1", t0.AddMinutes(10).AddSeconds(1))); // the first failure has left the window
        throttle.Succeeded("account:eng1");
        Assert.Null(throttle.RetryAfter("account:eng1", t0.AddSeconds(7)));
    }

    [Fact]
    public void Failed_sign_ins_of_one_account_from_one_address_wait_longer_and_longer()
    {
        var delay = new SignInDelay(free: 3, window: TimeSpan.FromMinutes(15), cap: TimeSpan.FromMinutes(5));
        var t0 = new DateTimeOffset(2026, 11, 30, 8, 0, 0, TimeSpan.Zero);
        var guesser = SignInDelay.Key("admin", "203.0.113.9");
        for (var i = 0; i < 3; i++) { Assert.Null(delay.RetryAfter(guesser, t0)); delay.Failed(guesser, t0); }
        Assert.Equal(TimeSpan.FromSeconds(1), delay.RetryAfter(guesser, t0));        // 3 failures: 2^0 s
        delay.Failed(guesser, t0);
        Assert.Equal(TimeSpan.FromSeconds(2), delay.RetryAfter(guesser, t0));        // 4 failures: 2^1 s
        for (var i = 0; i < 20; i++) delay.Failed(guesser, t0);
        Assert.Equal(TimeSpan.FromMinutes(5), delay.RetryAfter(guesser, t0));        // capped
        Assert.Null(delay.RetryAfter(SignInDelay.Key("admin", "198.51.100.4"), t0)); // the owner elsewhere is not slowed
        Assert.Null(delay.RetryAfter(guesser, t0.AddMinutes(15)));                   // the window forgets
        delay.Failed(guesser, t0);
        delay.Forget("admin");
        Assert.Null(delay.RetryAfter(guesser, t0));
    }
}
