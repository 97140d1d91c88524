using Cohort.Domain.Units;

namespace Cohort.Domain.Glycaemia;

/// <summary>A test result as it was reported: the value in its own unit (mg/dL or mmol/L; % or mmol/mol).</summary>
public readonly record struct ReportedValue(double Value, Unit Unit);
