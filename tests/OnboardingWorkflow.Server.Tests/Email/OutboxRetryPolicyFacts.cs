using OnboardingWorkflow.Server.Email;

namespace OnboardingWorkflow.Server.Tests.Email;

public sealed class OutboxRetryPolicyFacts
{
    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(3, 4)]
    [InlineData(6, 32)]
    [InlineData(7, 60)]
    [InlineData(8, 60)]
    [InlineData(500, 60)]
    public void DelayAfter_DoublesFromOneMinute_CappedAtOneHour(int attempts, int minutes)
    {
        Assert.Equal(TimeSpan.FromMinutes(minutes), OutboxRetryPolicy.DelayAfter(attempts, TimeSpan.FromMinutes(1), TimeSpan.FromHours(1)));
    }

    [Fact]
    public void DelayAfter_Throws_BeforeAnyAttempt()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => OutboxRetryPolicy.DelayAfter(0, TimeSpan.FromMinutes(1), TimeSpan.FromHours(1)));
    }

    [Theory]
    [InlineData(1, 8, true)]
    [InlineData(7, 8, true)]
    [InlineData(8, 8, false)]
    [InlineData(1, 1, false)]
    public void MayRetry_OnlyBelowMaxAttempts(int attempts, int max, bool expected)
    {
        Assert.Equal(expected, OutboxRetryPolicy.MayRetry(attempts, max));
    }
}
