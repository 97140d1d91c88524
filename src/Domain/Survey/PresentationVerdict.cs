
namespace Cohort.Domain.Survey;

/// <summary>Whether an estimate may be shown under the NCHS data-presentation standards, and why.</summary>
public sealed record PresentationVerdict(bool Present, string? SuppressedBecause, IReadOnlyList<string> ReviewFlags);
