
namespace Cohort.Contracts.Access;

public enum SignInStatus
{
    Ok = 0,
    Invalid = 1,
    Throttled = 2,
    MustChangePassword = 3,
    Refused = 4,
}
