namespace Cohort.Cli;

/// <summary>A usage error found after parsing (exit code 2): the message names the option and what is wrong with it.</summary>
public sealed class UsageException(string message) : Exception(message);

/// <summary>A failure the user can act on (exit code 1), with the message printed as is.</summary>
public sealed class CliException(string message) : Exception(message);
