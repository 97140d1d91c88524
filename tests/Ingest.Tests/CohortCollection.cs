namespace Cohort.Ingest.Tests;

[CollectionDefinition(Name)]
public sealed class CohortCollection : ICollectionFixture<GeneratedCohort>
{
    public const string Name = "generated cohort";
}
