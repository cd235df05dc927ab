namespace OnboardingWorkflow.Application.Remediation;

/// <summary>Names shared by workflows/risk-remediation.bpmn and the code; a test checks them against the file.</summary>
public static class RemediationProcess
{
    public const string Key = "riskRemediation";

    /// <summary>Start variables (protected); the business key is the customer id.</summary>
    public static class Start
    {
        public const string CustomerId = "customerId";
        public const string Debt = "debt";
    }

    public static class Messages
    {
        /// <summary>A receivables import changed the customer's ledger: the plan allocates the payments again.</summary>
        public const string Payment = "remediationPayment";
    }

    public static class Tasks
    {
        public const string Decide = "decideRemediation";
        public const string RecordLegalOutcome = "recordLegalOutcome";
        public const string ApproveAnalyst = "approveRemediationAnalyst";
        public const string ApproveManager = "approveRemediationManager";
        public const string ApproveCommittee = "approveRemediationCommittee";

        public static readonly IReadOnlySet<string> Approvals = new HashSet<string>(StringComparer.Ordinal) { ApproveAnalyst, ApproveManager, ApproveCommittee };
    }

    /// <summary>Task form fields.</summary>
    public static class Fields
    {
        /// <summary>decideRemediation: one of <see cref="Options"/>; recordLegalOutcome: <see cref="Options.Recovered"/> or <see cref="Options.WriteOff"/>.</summary>
        public const string Option = "option";

        public const string WriteDownAmount = "writeDownAmount";
        public const string Reason = "reason";
        public const string Note = "note";
        public const string LegalReference = "legalReference";
        public const string Decision = "decision";
    }

    public static class Options
    {
        public const string PaymentPlan = "paymentPlan";
        public const string Restructuring = "restructuring";
        public const string LegalAction = "legalAction";
        public const string WriteOff = "writeOff";
        public const string Recovered = "recovered";
    }

    /// <summary>Variables the handlers set (protected: no task may declare them).</summary>
    public static class Variables
    {
        public const string ApprovalLevel = "approvalLevel";
        public const string Committee = "committee";
        public const string PlanPaid = "planPaid";
        public const string InstalmentNumber = "instalmentNumber";
        public const string RemindAt = "remindAt";
        public const string GraceEndsAt = "graceEndsAt";
        public const string ReminderSent = "reminderSent";
        public const string InstalmentMissed = "instalmentMissed";
    }

    public static class Timers
    {
        public const string ReminderDue = "reminderDue";
        public const string GraceOver = "graceOver";
    }

    /// <summary>The extension property of a letter's send task that names the letter.</summary>
    public const string LetterProperty = "letter";
}
