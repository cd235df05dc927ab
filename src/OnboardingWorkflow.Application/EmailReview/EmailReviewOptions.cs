namespace OnboardingWorkflow.Application.EmailReview;

/// <summary>Settings of e-mail reviewers (section <c>EmailReview</c>).</summary>
public sealed class EmailReviewOptions
{
    public const string Section = "EmailReview";

    /// <summary>How long a decision link or reply reference stays valid after it is sent (default 72 hours).</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(72);

    /// <summary>
    /// The amount above which acting from an e-mail needs a second step: the link page asks for the
    /// user's password, and a reply is refused with a request to use the link. Null: no step-up.
    /// </summary>
    public decimal? StepUpAmount { get; set; }

    /// <summary>The address replies go to (the mailbox the reply job reads). Null: e-mails offer links only.</summary>
    public string? ReplyAddress { get; set; }

    /// <summary>The address the links in e-mails start with (https://credit.example.com). Null: e-mails offer replies only.</summary>
    public string? PublicBaseUrl { get; set; }
}
