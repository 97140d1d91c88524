using System.Text;

namespace Cohort.Contracts.Queries;

/// <summary>Participant → shard by FNV-1a of the UTF-8 id: stable across processes, machines and .NET versions.</summary>
public static class ShardMap
{
    public static int ShardOf(string participantId, int shards)
    {
        var hash = 2166136261u;
        foreach (var b in Encoding.UTF8.GetBytes(participantId))
        {
            hash ^= b;
            hash *= 16777619u;
        }
        return (int)(hash % (uint)shards);
    }
}
