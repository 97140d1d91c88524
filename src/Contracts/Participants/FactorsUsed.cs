namespace Cohort.Contracts.Participants;

/// <summary>The conversion factors that turned raw values into canonical ones (glucose mg/dL per mmol/L; insulin pmol/L per µU/mL).</summary>
[GenerateSerializer, Immutable]
[Alias("Cohort.Contracts.Participants.FactorsUsed")]
public sealed record FactorsUsed([property: Id(0)] double Glucose, [property: Id(1)] double Insulin);
