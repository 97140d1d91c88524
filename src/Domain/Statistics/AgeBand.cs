
namespace Cohort.Domain.Statistics;

/// <summary>One age band of a standard population; <see cref="AgeTo"/> is inclusive and null for the open top band.</summary>
public readonly record struct AgeBand(int AgeFrom, int? AgeTo, double Weight)
{
    public bool Contains(double age) => age >= AgeFrom && (AgeTo is null || age < AgeTo + 1);
    public string Label => AgeTo is { } to ? $"{AgeFrom}-{to}" : $"{AgeFrom}+";
}
