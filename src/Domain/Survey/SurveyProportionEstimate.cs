namespace Cohort.Domain.Survey;

/// <summary>A design-based proportion: the estimate, its linearised standard error and degrees of freedom, the Korn–Graubard interval
/// and the NCHS verdict on showing it.</summary>
public sealed record SurveyProportionEstimate(
    double Proportion,
    double StandardError,
    int DegreesOfFreedom,
    long Units,
    KornGraubardInterval Interval,
    PresentationVerdict Presentation,
    IReadOnlyList<string> SinglePsuStrata);
