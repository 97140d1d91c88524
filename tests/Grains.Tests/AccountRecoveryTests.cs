using Cohort.Contracts.Access;

namespace Cohort.Grains.Tests;

/// <summary>
/// Accounts on a real store: a stranger's failed guesses slow only their own address (the owner signs in from theirs), the last
/// admin cannot be disabled, a disabled account can be enabled again, and an admin can reset a forgotten password.
/// </summary>
public sealed class AccountRecoveryTests
{
    private const string AdminPassword = "initial-root-secret-x9";

    [Fact]
    public async Task Guesses_slow_the_guessers_address_without_locking_the_owner_out()
    {
        // A first wait of a minute, so that the guesser is still waiting when the test checks, however slowly a loaded machine
        // hashes the guesses (with the default second, the wait could pass between two calls).
        await using var cluster = await CohortCluster.StartAsync(silos: 1, shards: 2,
            settings: new Dictionary<string, string?> { ["Cohort:Access:SignInDelaySeconds"] = "60" });
        var users = cluster.Grains.GetGrain<IUserDirectoryGrain>(0);
        await users.EnsureInitialAdmin(AdminPassword);
        SignInResult last = null!;
        for (var i = 0; i < 12; i++) last = await users.SignIn("admin", $"guess-{i}", "203.0.113.9");
        Assert.Equal(SignInStatus.Throttled, last.Status);
        Assert.InRange(last.RetryAfterSeconds, 30, 300);
        // The owner, from their own address, is not locked out; the guesser still is, even with the right password.
        Assert.Equal(SignInStatus.Ok, (await users.SignIn("admin", AdminPassword, "198.51.100.4")).Status);
        Assert.Equal(SignInStatus.Throttled, (await users.SignIn("admin", AdminPassword, "203.0.113.9")).Status);
    }

    [Fact]
    public async Task The_last_admin_stays_enabled_and_a_forgotten_password_is_reset_by_an_admin()
    {
        await using var cluster = await CohortCluster.StartAsync(silos: 1, shards: 2);
        var users = cluster.Grains.GetGrain<IUserDirectoryGrain>(0);
        await users.EnsureInitialAdmin(AdminPassword);
        var refusal = await Assert.ThrowsAsync<ArgumentException>(() => users.Disable("admin"));
        Assert.Contains("last enabled admin", refusal.Message);

        var ana = await users.Add("ana", [Role.Analyst]);
        Assert.Equal(SignInStatus.MustChangePassword, (await users.SignIn("ana", ana.OneTimePassword, "10.0.0.2")).Status);
        Assert.Equal(SignInStatus.Ok, (await users.ChangePassword("ana", ana.OneTimePassword, "river-stone-lantern-42", "10.0.0.2")).Status);
        Assert.True((await users.Disable("ana")).Disabled);
        Assert.Equal(SignInStatus.Invalid, (await users.SignIn("ana", "river-stone-lantern-42", "10.0.0.2")).Status);
        Assert.False((await users.Enable("ana")).Disabled);
        Assert.Equal(SignInStatus.Ok, (await users.SignIn("ana", "river-stone-lantern-42", "10.0.0.2")).Status);

        // Ana forgets her password: the admin resets it; the old one stops working and the new one must be changed at sign-in.
        var reset = await users.ResetPassword("ana");
        Assert.Equal(SignInStatus.Invalid, (await users.SignIn("ana", "river-stone-lantern-42", "10.0.0.2")).Status);
        Assert.Equal(SignInStatus.MustChangePassword, (await users.SignIn("ana", reset.OneTimePassword, "10.0.0.2")).Status);
        Assert.True(reset.Account.MustChangePassword);
    }
}
