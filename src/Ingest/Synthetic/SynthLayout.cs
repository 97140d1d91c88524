
namespace Cohort.Ingest.Synthetic;

public enum SynthLayout { Long, Wide }
