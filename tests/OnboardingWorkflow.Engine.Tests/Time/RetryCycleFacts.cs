using OnboardingWorkflow.Engine.Time;

namespace OnboardingWorkflow.Engine.Tests.Time;

public sealed class RetryCycleFacts
{
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Repeating_CountsEveryTry_AndWaitsTheSameEachTime()
    {
        var cycle = RetryCycle.Parse("R3/PT10M");

        Assert.Equal(3, cycle.Tries);
        Assert.Equal([Now.AddMinutes(10), Now.AddMinutes(10)], [cycle.DelayAfter(1).AddTo(Now), cycle.DelayAfter(2).AddTo(Now)]);
    }

    [Fact]
    public void List_IsOneRetryPerInterval_InTurn_TheLastRepeating()
    {
        var cycle = RetryCycle.Parse(" PT1M, PT5M ,PT1H ");

        Assert.Equal(4, cycle.Tries);
        Assert.Equal([1, 5, 60, 60], new[] { 1, 2, 3, 4 }.Select(n => (int)(cycle.DelayAfter(n).AddTo(Now) - Now).TotalMinutes));
        Assert.Equal(2, RetryCycle.Parse("PT30S").Tries);
    }

    [Fact]
    public void Default_IsThreeTriesFiveMinutesApart()
    {
        Assert.Equal((3, "R3/PT5M"), (RetryCycle.Default.Tries, RetryCycle.Default.Text));
        Assert.Equal(Now.AddMinutes(5), RetryCycle.Default.DelayAfter(1).AddTo(Now));
    }

    [Theory]
    [InlineData("R1/PT5M", 1)]
    [InlineData("r2/P1D", 2)]
    [InlineData("R3/PT0S", 3)]
    [InlineData("PT0M,PT1M", 3)]
    public void Valid_Cycles(string text, int tries)
    {
        Assert.True(RetryCycle.TryParse(text, out var cycle, out var error), error);
        Assert.Equal(tries, cycle.Tries);
    }

    [Fact]
    public void ZeroInterval_RetriesAtOnce() =>
        Assert.Equal(Now, RetryCycle.Parse("R3/PT0S").DelayAfter(1).AddTo(Now));

    [Theory]
    [InlineData("")]
    [InlineData("R3")]
    [InlineData("R/PT5M")]
    [InlineData("R0/PT5M")]
    [InlineData("R3/10 minutes")]
    [InlineData("R3/PT5M/2026-01-01T00:00:00Z")]
    [InlineData("PT1M,,PT5M")]
    [InlineData("P")]
    [InlineData("PT")]
    [InlineData("${cycle}")]
    public void Invalid_Cycles_SayWhatIsExpected(string text)
    {
        Assert.False(RetryCycle.TryParse(text, out _, out var error));
        Assert.Contains("R3/PT10M", error);
        Assert.Throws<FormatException>(() => RetryCycle.Parse(text));
    }
}
