using Cohort.Contracts.Ingest;
using Cohort.Domain.Glycaemia;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;

namespace Cohort.Grains.Hosting;

/// <summary>
/// Tells clients the silo's settings (conversion factors, shard count, rule set, phase cut-off), so a CLI ingest converts and an export
/// classifies exactly as the silo would.
/// </summary>
[StatelessWorker]
[GrainType("cohortsettings")]
public sealed class CohortSettingsGrain(IOptions<CohortOptions> options) : Grain, ICohortSettingsGrain
{
    public Task<CohortSettings> Get() =>
        Task.FromResult(new CohortSettings(options.Value.GlucoseFactor, options.Value.InsulinFactor, options.Value.Shards,
            options.Value.Evaluation().RuleSet.Code(), options.Value.PhaseCutoffHomaIr));
}
