using System.Text.RegularExpressions;

namespace OnboardingWorkflow.Cli.Tests;

public sealed class BenchCommandTests
{
    [Fact]
    public void Bench_RunsEveryInstanceOnItsExpectedPath_AndReportsThroughput()
    {
        var run = CliRun.Of("bench", "--n", "200", "--warmup", "0", "--file", CliRun.ReferenceFlow);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("200 instances in", run.Stdout);
        Assert.Contains("300 task completions", run.Stdout);
        Assert.Matches(new Regex(@"^\d+ instances/s$", RegexOptions.Multiline), run.Stdout);
        Assert.Matches(new Regex(@"^\d+ bytes allocated per instance$", RegexOptions.Multiline), run.Stdout);
    }

    [Fact]
    public void Bench_FailsWhenAnInstanceTakesTheWrongPath()
    {
        var path = Path.Combine(Path.GetTempPath(), $"approval-{Guid.NewGuid():N}.bpmn");
        File.WriteAllText(path, File.ReadAllText(CliRun.ReferenceFlow).Replace("${amount &gt; 1000}", "${amount &gt; 100000}"));
        try
        {
            var run = CliRun.Of("bench", "--n", "20", "--warmup", "0", "--file", path);

            Assert.Equal(1, run.ExitCode);
            Assert.Contains("took a wrong path", run.Stderr);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
