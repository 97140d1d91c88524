
namespace Cohort.Domain.Progression;

/// <summary>What a visit says that can confirm a move: fasting glucose and HOMA-IR (NaN when unknown) and a recorded diagnosis or treatment.</summary>
public readonly record struct VisitEvidence(double FastingGlucose, double HomaIr, bool DiagnosedOrTreated);
