namespace OnboardingWorkflow.Data.Email;

/// <summary>Where an outbox message stands. Only <see cref="Pending"/> messages are ever sent.</summary>
public enum OutboxStatus
{
    Pending,
    Sent,
    Failed,
}
