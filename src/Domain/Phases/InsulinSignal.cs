
namespace Cohort.Domain.Phases;

public enum InsulinSignal { HomaIr, FastingInsulin }
