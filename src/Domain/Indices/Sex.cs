namespace Cohort.Domain.Indices;

/// <summary>Sex as recorded; Unknown is a value, never a reason to drop a participant.</summary>
public enum Sex { Unknown, Female, Male }
