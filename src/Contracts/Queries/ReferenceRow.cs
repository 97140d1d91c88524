namespace Cohort.Contracts.Queries;

/// <summary>What local cut-off derivation needs of one participant at the query's visit (canonical units; NaN unknown). Never released.</summary>
[GenerateSerializer, Immutable]
[Alias("Cohort.Contracts.Queries.ReferenceRow")]
public readonly record struct ReferenceRow(
    [property: Id(0)] byte Sex,
    [property: Id(1)] float Age,
    [property: Id(2)] float FastingGlucose,
    [property: Id(3)] float TwoHourGlucose,
    [property: Id(4)] float HbA1c,
    [property: Id(5)] float Bmi,
    [property: Id(6)] float Triglycerides,
    [property: Id(7)] float Hdl,
    [property: Id(8)] float HomaIr);
