using Cohort.Contracts.Ingest;

namespace Cohort.Grains.Ingest;

/// <summary>
/// Names, on the call that opens a run, the silo its runner runs in (in Orleans' RequestContext), so that the runs grain can keep the
/// run open when the runs grain itself is activated again on another silo (its own was lost) while the runner lives on, and abandon
/// it once the runner's silo has left the cluster (<see cref="RunCommit.Runner"/>). A runner outside any silo sends no name.
/// </summary>
internal sealed class RunnerSilo(ILocalSiloDetails silo) : IOutgoingGrainCallFilter
{
    public const string Key = "cohort.runner-silo";

    public async Task Invoke(IOutgoingGrainCallContext context)
    {
        if (context.InterfaceMethod is not { Name: nameof(IIngestRunsGrain.Open) } m || m.DeclaringType != typeof(IIngestRunsGrain))
        {
            await context.Invoke();
            return;
        }
        RequestContext.Set(Key, silo.SiloAddress.ToParsableString());
        try
        {
            await context.Invoke();
        }
        finally
        {
            RequestContext.Remove(Key);
        }
    }
}
