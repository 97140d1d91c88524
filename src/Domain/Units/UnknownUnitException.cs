
namespace Cohort.Domain.Units;

public sealed class UnknownUnitException(string message) : Exception(message);
