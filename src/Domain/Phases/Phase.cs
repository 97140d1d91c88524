namespace Cohort.Domain.Phases;

/// <summary>
/// The compensation phase of a visit: normal (normoglycaemic, insulin signal within the chosen reference), compensated
/// (normoglycaemic but the insulin signal above the cut-off: the pancreas is working harder to hold glucose), intermediate
/// (prediabetes range) and diabetes range (a value in the diabetes range at this visit, or diagnosed or treated diabetes).
/// Unknown when the inputs needed are missing. The last phase is the model's "decompensated"; its code says what one visit can
/// show, a diabetes-range value, not that β-cell compensation has failed (that needs confirmation over visits).
/// </summary>
public enum Phase { Unknown, Normal, Compensated, Intermediate, Decompensated }
