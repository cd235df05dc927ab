using OnboardingWorkflow.Application.Dunning;
using OnboardingWorkflow.Data.Domain;

namespace OnboardingWorkflow.Application.Tests.Dunning;

/// <summary>What the job does for a customer, by level and by the state of the customer's case.</summary>
public sealed class CustomerEscalationFacts
{
    private static readonly DateOnly Today = new(2026, 11, 30);

    private static DunningCase Running(int level, DateOnly? promisedUntil = null)
    {
        var row = DunningCase.For(Guid.NewGuid());
        row.Open(Guid.NewGuid(), level, DateTimeOffset.UnixEpoch);
        if (promisedUntil is { } day)
        {
            row.Promise(day, "sally", DateTimeOffset.UnixEpoch);
        }

        return row;
    }

    [Fact]
    public void Decide_starts_a_case_for_a_customer_without_one_or_whose_last_case_closed()
    {
        var closed = Running(2);
        closed.Close("overdue cleared", DateTimeOffset.UnixEpoch);

        Assert.Equal(EscalationStep.Started, CustomerEscalation.Decide(1, null, Today));
        Assert.Equal(EscalationStep.Started, CustomerEscalation.Decide(1, closed, Today));
        Assert.Equal(EscalationStep.None, CustomerEscalation.Decide(0, null, Today));
    }

    [Fact]
    public void Decide_raises_only_a_higher_level_and_never_during_a_promise()
    {
        Assert.Equal(EscalationStep.Raised, CustomerEscalation.Decide(3, Running(2), Today));
        Assert.Equal(EscalationStep.None, CustomerEscalation.Decide(2, Running(2), Today));
        Assert.Equal(EscalationStep.None, CustomerEscalation.Decide(1, Running(2), Today));
        Assert.Equal(EscalationStep.None, CustomerEscalation.Decide(3, Running(2, promisedUntil: Today), Today));
        Assert.Equal(EscalationStep.Raised, CustomerEscalation.Decide(3, Running(2, promisedUntil: Today.AddDays(-1)), Today));
    }

    [Fact]
    public void A_running_case_cannot_be_opened_again_nor_lowered()
    {
        var row = Running(2);

        Assert.Throws<InvalidOperationException>(() => row.Open(Guid.NewGuid(), 3, DateTimeOffset.UnixEpoch));
        Assert.Throws<InvalidOperationException>(() => row.Raise(2));
        row.Raise(3);
        Assert.Equal(3, row.Level);
    }

    [Fact]
    public void The_overdue_threshold_is_the_first_level_of_the_default_policy()
    {
        Assert.Equal(Today.AddDays(-1), CustomerEscalation.OverdueThreshold(Today));
    }
}
