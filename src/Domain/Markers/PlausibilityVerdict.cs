
namespace Cohort.Domain.Markers;

public enum PlausibilityVerdict { Accept, Flag, Reject }
