namespace Cohort.Grains.Storage;

/// <summary>
/// A write (or, with null data, a delete) conditional on the stored version: null <see cref="ExpectedVersion"/> means the row must
/// not exist yet.
/// </summary>
public sealed record StateWrite(string Type, string Key, long? ExpectedVersion, long NewVersion, byte[]? Data);
