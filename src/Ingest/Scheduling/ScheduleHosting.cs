using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Cohort.Ingest.Scheduling;

public static class ScheduleHosting
{
    /// <summary>Runs scheduled ingests in this host (a silo): the schedule runner, on the system clock unless another is registered under
    /// <see cref="ScheduleRunner.ClockKey"/>.</summary>
    public static IServiceCollection AddCohortSchedules(this IServiceCollection services)
    {
        services.TryAddKeyedSingleton(ScheduleRunner.ClockKey, TimeProvider.System);
        services.AddHostedService<ScheduleRunner>();
        return services;
    }
}
