
namespace Cohort.Domain.Cutoffs;

public enum ApplicabilityVerdict { Applies, Partly, DoesNotApply }
