
namespace Cohort.Domain.Survey;

/// <summary>A Korn–Graubard interval with the effective sample sizes it rests on.</summary>
public readonly record struct KornGraubardInterval(double Lower, double Upper, double EffectiveN, double AdjustedEffectiveN);
