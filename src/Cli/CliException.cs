namespace Cohort.Cli;

/// <summary>A failure the user can act on (exit code 1), with the message printed as is.</summary>
public sealed class CliException(string message) : Exception(message);
