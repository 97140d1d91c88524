namespace Cohort.Domain.Statistics;

public enum IntervalMethod { Wilson, ClopperPearson }
