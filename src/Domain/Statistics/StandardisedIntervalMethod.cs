namespace Cohort.Domain.Statistics;

/// <summary>How the interval of a directly standardised rate is formed.</summary>
public enum StandardisedIntervalMethod
{
    /// <summary>Fay &amp; Feuer (1997): gamma limits with the largest band weight added to the upper one (SEER's and NCHS's default).</summary>
    FayFeuer,

    /// <summary>Tiwari, Clegg &amp; Zou (2006): the upper limit with the mean band weight instead; shorter, nominal in most settings.</summary>
    Tiwari,
}
