using Cohort.Contracts.Access;
using Cohort.Ingest.Hosting;
using Cohort.Settings;
using Microsoft.Extensions.Options;

namespace Cohort.Silo.Hosting;

/// <summary>
/// The first start of a fresh store creates the "admin" account. Without Cohort:Access:InitialAdminPassword its one-time password is
/// generated and printed here, once (it is stored only as a salted hash and must be replaced at first sign-in). With several silos
/// starting at once, the user directory creates the account once and only the silo that created it prints the password.
/// </summary>
public sealed class AccountBootstrap(IGrainFactory grains, IOptions<AccessOptions> options, IHostApplicationLifetime lifetime, ILogger<AccountBootstrap> logger)
    : AfterStartService(lifetime)
{
    protected override async Task RunAsync(CancellationToken stoppingToken)
    {
        var password = await grains.GetGrain<IUserDirectoryGrain>(0).EnsureInitialAdmin(options.Value.InitialAdminPassword);
        if (password is null) return;
        logger.LogWarning("created the first account, 'admin', with a one-time password (printed on the console once)");
        Console.WriteLine($"""

            ================================================================================
             Cohort: first start of this store. Sign in at /login as
               account:  admin
               password: {password}
             This one-time password is shown once; you will choose a new one at sign-in.
            ================================================================================

            """);
    }
}
