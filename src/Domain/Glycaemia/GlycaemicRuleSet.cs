namespace Cohort.Domain.Glycaemia;

/// <summary>The published criteria a visit is judged by. ADA 2025 is Cohort's default; the choice changes prevalence a lot.</summary>
public enum GlycaemicRuleSet
{
    /// <summary>American Diabetes Association, Standards of Care 2025 (Diabetes Care 48 Suppl 1:S27-S49).</summary>
    Ada2025,
    /// <summary>WHO 2006 (IFG from 6.1 mmol/L; HbA1c for diabetes only, per WHO 2011).</summary>
    Who2006,
}
