namespace Cohort.Grains.Storage;

/// <summary>One stored grain state: its serialized bytes and version (the ETag).</summary>
public readonly record struct StoredState(byte[] Data, long Version);
