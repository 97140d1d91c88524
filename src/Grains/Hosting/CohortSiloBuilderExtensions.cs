using Cohort.Grains.Storage;
using Cohort.Settings;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Runtime.Hosting;
using Orleans.Serialization;

namespace Cohort.Grains.Hosting;

public static class CohortSiloBuilderExtensions
{
    /// <summary>
    /// Cohort's grains and their storage: the "Cohort" section binds <see cref="CohortOptions"/> and <see cref="StorageOptions"/>;
    /// the store (a SQLite file in the data directory by default, PostgreSQL in distributed mode) is written through the group-commit
    /// provider.
    /// </summary>
    public static ISiloBuilder AddCohortGrains(this ISiloBuilder silo, IConfiguration configuration)
    {
        var services = silo.Services;
        Microsoft.Extensions.DependencyInjection.Extensions.ServiceCollectionDescriptorExtensions.TryAddSingleton(services, TimeProvider.System);
        Microsoft.Extensions.DependencyInjection.Extensions.ServiceCollectionDescriptorExtensions.TryAddSingleton<Domain.Disclosure.IRecordKeySource>(services, new Domain.Disclosure.RecordKeys());
        // Every section is bound and validated when the silo starts: a bad setting stops it at once, naming the key, instead of
        // failing the first query that reads it.
        services.AddOptions<CohortOptions>().Bind(configuration.GetSection(CohortOptions.Section)).Validate(o => { o.Validate(); return true; }).ValidateOnStart();
        services.AddOptions<StorageOptions>().Bind(configuration.GetSection(CohortOptions.Section))
            .Validate(o => o.SqliteMaxMegabytes is null or > 0, "Cohort:SqliteMaxMegabytes must be a positive number of megabytes").ValidateOnStart();
        services.AddOptions<IngestOptions>().Bind(configuration.GetSection(IngestOptions.Section)).ValidateOnStart();
        services.AddSingleton<Ingest.RunDecisions>();
        silo.AddOutgoingGrainCallFilter<Ingest.RunnerSilo>();
        services.AddSingleton<IStateStore>(sp => sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<StorageOptions>>().Value.CreateStore(sp.GetService<Microsoft.Extensions.Logging.ILoggerFactory>()));
        services.AddSingleton(sp => new GroupCommitGrainStorage(sp.GetRequiredService<IStateStore>(), sp.GetRequiredService<Serializer>(),
            sp.GetRequiredService<ILogger<GroupCommitGrainStorage>>()));
        services.AddGrainStorage(StorageOptions.ProviderName, (sp, _) => sp.GetRequiredService<GroupCommitGrainStorage>());
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, StoreOpening>();
        services.AddOptions<Access.PseudonymisationOptions>().Bind(configuration.GetSection(Access.PseudonymisationOptions.Section)).ValidateOnStart();
        services.AddSingleton(sp => new Access.SiloPseudonymiser(sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<Access.PseudonymisationOptions>>().Value
            .Create(sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<StorageOptions>>().Value.UsesPostgres,
                message => sp.GetRequiredService<ILogger<Access.PseudonymGrain>>().LogWarning("{Message}", message))));
        return silo;
    }

    /// <summary>
    /// Access control at the gateway (<see cref="Access.GatewayAccessFilter"/>) and the "Cohort:Access" settings. Every silo of a
    /// deployment adds it; the in-process test clusters of the grain tests add it where they test access.
    /// </summary>
    public static ISiloBuilder AddCohortAccess(this ISiloBuilder silo, IConfiguration configuration)
    {
        silo.Services.AddOptions<AccessOptions>().Bind(configuration.GetSection(AccessOptions.Section)).ValidateOnStart();
        silo.AddIncomingGrainCallFilter<Access.GatewayAccessFilter>();
        return silo;
    }
}
