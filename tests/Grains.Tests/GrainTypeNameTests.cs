using System.Reflection;

namespace Cohort.Grains.Tests;

/// <summary>
/// Stored state is keyed by grain type name (<c>cohortshard/shard</c>, <c>participant/participant</c>, …). Every grain class pins its
/// name, so renaming or moving a class can never orphan a store; the names are the ones stores written before pinning already use.
/// </summary>
public sealed class GrainTypeNameTests
{
    [Fact]
    public void Every_grain_pins_the_type_name_its_stored_state_is_keyed_by()
    {
        var grains = typeof(Shards.CohortShardGrain).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(Orleans.Grain).IsAssignableFrom(t))
            .ToDictionary(t => t.Name, t => t.GetCustomAttribute<GrainTypeAttribute>() is { } a ? a.GetGrainType(null!, t).ToString() : null);
        var expected = new Dictionary<string, string>
        {
            ["AuditLogGrain"] = "auditlog", ["AuditSegmentGrain"] = "auditsegment", ["CohortHealthGrain"] = "cohorthealth", ["CohortQueryGrain"] = "cohortquery",
            ["CohortSettingsGrain"] = "cohortsettings", ["CohortShardGrain"] = "cohortshard", ["CommitLogEntryGrain"] = "commitlogentry",
            ["IngestedFileGrain"] = "ingestedfile", ["IngestRunsGrain"] = "ingestruns", ["MarkerRegistryGrain"] = "markerregistry",
            ["ParticipantGrain"] = "participant", ["PhenotypeModelGrain"] = "phenotypemodel", ["PhenotypeReleaseGrain"] = "phenotyperelease", ["PseudonymGrain"] = "pseudonym",
            ["RunHistoryPageGrain"] = "runhistorypage", ["RunQuarantineGrain"] = "runquarantine", ["SchedulesGrain"] = "schedules", ["UserDirectoryGrain"] = "userdirectory",
        };
        Assert.Equal(expected.OrderBy(kv => kv.Key), grains.OrderBy(kv => kv.Key).Select(kv => new KeyValuePair<string, string>(kv.Key, kv.Value ?? "(not pinned)")));
    }
}
