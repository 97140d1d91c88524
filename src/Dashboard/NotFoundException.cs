namespace Cohort.Dashboard;

/// <summary>Something a request names that does not exist (a participant, a fit job): a 404 whose message names it.</summary>
internal class NotFoundException(string message) : Exception(message);
