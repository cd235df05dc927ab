namespace OnboardingWorkflow.Application.Reviews;

/// <summary>Names shared by workflows/periodic-review.bpmn and the code; a test checks them against the file.</summary>
public static class ReviewProcess
{
    public const string Key = "periodicReview";

    /// <summary>Start variables (protected); the business key is the review case id.</summary>
    public static class Start
    {
        public const string ReviewId = "reviewId";
        public const string CustomerId = "customerId";
        public const string AccountOwner = "accountOwner";
        public const string DueDate = "dueDate";
    }

    public static class Tasks
    {
        public const string CollectStatements = "collectStatements";
        public const string ApproveAnalyst = "approveReviewAnalyst";
        public const string ApproveManager = "approveReviewManager";
        public const string ApproveCommittee = "approveReviewCommittee";

        public static readonly IReadOnlySet<string> Approvals = new HashSet<string>(StringComparer.Ordinal) { ApproveAnalyst, ApproveManager, ApproveCommittee };
    }

    public static class Timers
    {
        public const string StatementsReminder = "statementsReminderTimer";
        public const string StatementsDeadline = "statementsDeadlineTimer";
    }

    public static class Fields
    {
        /// <summary>collectStatements: <see cref="Submitted"/> or <see cref="Unavailable"/>.</summary>
        public const string Statements = "statements";

        public const string Submitted = "submitted";
        public const string Unavailable = "unavailable";
        public const string Note = "note";
        public const string ApprovedTermsDays = "approvedTermsDays";
    }

    public static class Variables
    {
        public const string ApprovalLevel = "approvalLevel";
        public const string Committee = "committee";
        public const string ProposedLimit = "proposedLimit";
    }

    /// <summary>The extension property of a mail's send task that names the mail (<see cref="ReviewMailKind"/>).</summary>
    public const string MailProperty = "mail";
}
