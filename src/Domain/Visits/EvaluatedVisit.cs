using Cohort.Domain.Glycaemia;
using Cohort.Domain.Indices;
using Cohort.Domain.Phases;

namespace Cohort.Domain.Visits;

/// <summary>A visit's derived values: glycaemic assessment, phase under the chosen cut-off and every index.</summary>
public sealed record EvaluatedVisit(AssembledVisit Visit, GlycaemicAssessment Glycaemia, Phase Phase, IndexResult[] Indices);
