namespace OnboardingWorkflow.Application.Cases;

/// <summary>The ways a person acts besides a signed-in session, as written on decisions and audit lines.</summary>
public static class Channels
{
    /// <summary>The confirmation page an e-mail's decision link opens.</summary>
    public const string EmailLink = "email-link";

    /// <summary>A reply to a task e-mail, read from the reviewers' mailbox.</summary>
    public const string EmailReply = "email-reply";
}
