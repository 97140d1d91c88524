namespace Cohort.Grains.Storage;

/// <summary>
/// A write (or, with null data, a delete) conditional on the stored version: null <see cref="ExpectedVersion"/> means the row must
/// not exist yet. The data may be a slice of a larger buffer (<see cref="StateBuffer"/>): a store copies it before the write is
/// acknowledged, and keeps no reference to it after.
/// </summary>
public sealed record StateWrite(string Type, string Key, long? ExpectedVersion, long NewVersion, ReadOnlyMemory<byte>? Data);
