namespace Cohort.Phenotyping.Modelling;

/// <summary>A phenotype model cannot be fitted from these data; the message says why in the user's terms.</summary>
public sealed class PhenotypeFitException(string message) : Exception(message);
