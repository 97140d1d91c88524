
namespace Cohort.Domain.Statistics;

/// <summary>Cases and participants at one age in whole years.</summary>
public readonly record struct AgeCount(int Age, long Cases, long Total);
