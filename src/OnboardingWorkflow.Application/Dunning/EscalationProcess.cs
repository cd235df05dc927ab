namespace OnboardingWorkflow.Application.Dunning;

/// <summary>Names shared by workflows/overdue-escalation.bpmn and the code; a test checks them against the file.</summary>
public static class EscalationProcess
{
    public const string Key = "overdueEscalation";

    /// <summary>Start variables (protected); the business key is the customer id.</summary>
    public static class Start
    {
        public const string CustomerId = "customerId";
        public const string Level = "level";
        public const string AccountOwner = "accountOwner";
    }

    public static class Messages
    {
        /// <summary>Carries <see cref="Start.Level"/>, the new level.</summary>
        public const string LevelReached = "dunningLevelReached";
        public const string OverdueCleared = "overdueCleared";

        /// <summary>Carries <see cref="Variables.PromisedDate"/>.</summary>
        public const string PromiseToPay = "promiseToPay";
    }

    public static class Variables
    {
        /// <summary>The promised payment day, yyyy-MM-dd (a follow-up task's field, or the API's).</summary>
        public const string PromisedDate = "promisedDate";

        /// <summary>The end of the promised day (ISO 8601), the timer of a broken promise.</summary>
        public const string PromisedUntil = "promisedUntil";

        public const string Outcome = "outcome";
    }

    public static class Tasks
    {
        public const string CallCustomer = "callCustomer";
        public const string CollectOverdue = "collectOverdue";
        public const string HandOverToLegal = "handOverToLegal";

        /// <summary>The follow-up tasks whose form may record a promise to pay.</summary>
        public static readonly IReadOnlySet<string> FollowUps = new HashSet<string>(StringComparer.Ordinal) { CallCustomer, CollectOverdue };
    }

    /// <summary>The extension property of a letter's send task that names the letter.</summary>
    public const string LetterProperty = "letter";

    public const string Promised = "promised";

    /// <summary>The collection task's outcome that ends the escalation and opens a remediation case.</summary>
    public const string Remediation = "remediation";
}
