using Cohort.Grains.Phenotypes;
using Cohort.Phenotyping.Modelling;

namespace Cohort.Grains.Tests;

/// <summary>
/// The fit jobs' bookkeeping: a job is claimed once, by the fit sent for it; units done within a step never go back whatever order the
/// workers report in; a finished job keeps its outcome against late reports; unknown ids answer nothing.
/// </summary>
public sealed class PhenotypeFitJobsTests
{
    [Fact]
    public void A_job_is_claimed_once_reports_forward_and_keeps_its_outcome()
    {
        var jobs = new PhenotypeFitJobs(TimeProvider.System);
        var job = jobs.Start();
        Assert.Equal("queued", job.State);
        Assert.Null(jobs.Claim("fit-unknown"));
        Assert.Null(jobs.Claim(null));
        Assert.Equal(job.Id, jobs.Claim(job.Id));
        // A second fit naming the same job (a caller setting the field itself) gets no job to write to.
        Assert.Null(jobs.Claim(job.Id));

        var training = jobs.Training(job.Id)!;
        training.Report(new FitStep("choosing k", 3, 7));
        training.Report(new FitStep("choosing k", 2, 7));
        var now = jobs.Get(job.Id)!;
        Assert.Equal((2, "choosing k", 3, 7), (now.Stage, now.Step, now.Done, now.Total));
        training.Report(new FitStep("validating", 0, 1));
        Assert.Equal((0, 1), (jobs.Get(job.Id)!.Done, jobs.Get(job.Id)!.Total));

        jobs.Succeeded(job.Id, 4);
        training.Report(new FitStep("late report", 1, 1));
        jobs.Failed(job.Id, "too late");
        var done = jobs.Get(job.Id)!;
        Assert.Equal(("succeeded", 4, (string?)null), (done.State, done.Version, done.Error));
        Assert.True(done.IsFinished);
        Assert.NotNull(done.Finished);
    }
}
