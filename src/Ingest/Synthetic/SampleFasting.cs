namespace Cohort.Ingest.Synthetic;

/// <summary>How a visit's glucose, insulin, triglycerides and NEFA were sampled, as the record says.</summary>
internal enum SampleFasting { Fasting, NotFasting, Unknown }
