namespace Cohort.Cli;

/// <summary>A usage error found after parsing (exit code 2): the message names the option and what is wrong with it.</summary>
public sealed class UsageException(string message) : Exception(message);
