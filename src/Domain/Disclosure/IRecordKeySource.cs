
namespace Cohort.Domain.Disclosure;

/// <summary>Where a participant's record key comes from when it is first drawn.</summary>
public interface IRecordKeySource
{
    uint KeyFor(string participantId);
}
