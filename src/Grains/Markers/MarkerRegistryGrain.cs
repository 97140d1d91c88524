using Cohort.Contracts.Access;
using Cohort.Contracts.Audit;
using Cohort.Contracts.Markers;
using Cohort.Contracts.Queries;
using Cohort.Domain.Markers;
using Cohort.Grains.Storage;

namespace Cohort.Grains.Markers;

/// <summary>
/// Keeps the study's markers: checks a declaration with the Domain's <see cref="MarkerRegistry.Declare"/> (which refuses a change of
/// meaning for a marker with observations, counted by the shards), stores the new version and audits it.
/// </summary>
[GrainType("markerregistry")]
public sealed class MarkerRegistryGrain(
    [PersistentState("markers", StorageOptions.ProviderName)] IPersistentState<MarkerRegistryState> state) : Grain, IMarkerRegistryGrain
{
    // The set served is replaced only once a new version is durable: Current interleaves with Declare's write, and a version served
    // but then lost could see its marker numbers given to other codes.
    private MarkerSet _served = MarkerSet.None;

    public override Task OnActivateAsync(CancellationToken ct)
    {
        _served = state.State.Versions is [.., var last] ? new MarkerSet(last.Version, last.StudyJson) : MarkerSet.None;
        return Task.CompletedTask;
    }

    private MarkerSet CurrentSet => _served;

    public Task<MarkerSet> Current() => Task.FromResult(CurrentSet);

    public Task<IReadOnlyList<MarkerSetVersion>> History() => Task.FromResult<IReadOnlyList<MarkerSetVersion>>(state.State.Versions.ToArray());

    public async Task<MarkerDeclaration> Declare(string json, string source)
    {
        var current = CurrentSet;
        var registry = MarkerRegistry.WithStudy(current.Version, current.StudyJson);
        IReadOnlyDictionary<string, long>? counts = null;
        MarkerRegistry next;
        IReadOnlyList<string> changes;
        try
        {
            var entries = MarkerFile.Parse(json, source);
            if (entries.Any(e => registry.TryResolve(e.Code, out var d) && !d.BuiltIn))
                counts = (await GrainFactory.GetGrain<ICohortQueryGrain>(0).Overview()).ObservationsByMarker;
            next = registry.Declare(entries, m => counts?.GetValueOrDefault(registry.Get(m).Code) ?? 0, source, out changes);
        }
        catch (MarkerDefinitionException e)
        {
            throw new MarkerDeclarationException(e.Message);
        }
        if (changes.Count == 0) return new MarkerDeclaration(current.Version, []);
        var version = new MarkerSetVersion(next.Version, DateTime.UtcNow, AccessContext.Actor, source, changes, next.StudyJson);
        state.State.Versions.Add(version);
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            state.State.Versions.Remove(version);
            DeactivateOnIdle();
            throw;
        }
        _served = new MarkerSet(next.Version, next.StudyJson);
        await GrainFactory.Audit(AuditActions.MarkersDeclare, source, $"version {next.Version}: {string.Join("; ", changes)}");
        return new MarkerDeclaration(next.Version, changes);
    }
}
