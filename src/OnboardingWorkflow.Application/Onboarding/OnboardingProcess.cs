namespace OnboardingWorkflow.Application.Onboarding;

/// <summary>
/// The names the onboarding flow (workflows/customer-onboarding.bpmn) and the code share: element
/// ids, variables, messages and decisions. A test reads the shipped BPMN and checks each of them,
/// so renaming one side without the other fails the build's tests, not a customer's case.
/// </summary>
public static class OnboardingProcess
{
    public const string Key = "customerOnboarding";

    /// <summary>User tasks.</summary>
    public static class Tasks
    {
        public const string CollectDocuments = "collectDocuments";
        public const string ReviewDocuments = "reviewDocuments";
        public const string RecordFindings = "recordFindings";
        public const string SiteVisit = "siteVisit";
        public const string ApproveAnalyst = "approveAnalyst";
        public const string ApproveManager = "approveManager";
        public const string ApproveCommittee = "approveCommittee";

        public static readonly IReadOnlySet<string> Approvals = new HashSet<string>(StringComparer.Ordinal) { ApproveAnalyst, ApproveManager, ApproveCommittee };

        public static readonly IReadOnlyList<string> All = [CollectDocuments, ReviewDocuments, RecordFindings, SiteVisit, ApproveAnalyst, ApproveManager, ApproveCommittee];
    }

    /// <summary>The service tasks that end a case and tell the maker how.</summary>
    public static class Endings
    {
        public const string Duplicate = "notifyMakerDuplicate";
        public const string NegativeList = "notifyMakerNegativeList";
        public const string KnockOut = "notifyMakerKnockOut";
        public const string Rejected = "notifyMakerRejected";
        public const string Activated = "notifyMakerActivated";

        public static readonly IReadOnlyList<string> All = [Duplicate, NegativeList, KnockOut, Rejected, Activated];
    }

    /// <summary>Wait states other than user tasks.</summary>
    public const string AwaitSignedContract = "awaitSignedContract";

    public const string ContractSignedMessage = "contractSigned";

    /// <summary>The step that withdraws a case; a person's withdrawal is archived under it too.</summary>
    public const string WithdrawApplication = "withdrawApplication";

    /// <summary>Variables set when the instance starts (protected: no task may change them).</summary>
    public static class Start
    {
        public const string ApplicationId = "applicationId";
        public const string Maker = "maker";
        public const string RequestedLimit = "requestedLimit";
        public const string SiteVisitThreshold = "siteVisitThreshold";
    }

    /// <summary>Fields of the task contracts the code reads or fills.</summary>
    public static class Fields
    {
        public const string Decision = "decision";
        public const string ApprovedLimit = "approvedLimit";
        public const string LimitReason = "limitReason";
        public const string ReturnReason = "returnReason";
        public const string ManagementQuality = "managementQuality";
        public const string MarketPosition = "marketPosition";
        public const string IndustryOutlook = "industryOutlook";
        public const string InBankruptcy = "inBankruptcy";
        public const string ForgedDocuments = "forgedDocuments";

        /// <summary>The questionnaire answers of recordFindings, by their scorecard characteristic names.</summary>
        public static readonly IReadOnlyList<string> Questionnaire = [ManagementQuality, MarketPosition, IndustryOutlook];
    }

    /// <summary>Values of the decision enums.</summary>
    public static class Decisions
    {
        public const string Approve = "approve";
        public const string Reject = "reject";
        public const string RequestInfo = "request-info";
        public const string DocumentsComplete = "complete";
        public const string DocumentsReturned = "return";
    }

    /// <summary>Variables the service tasks set.</summary>
    public static class Variables
    {
        public const string SignedDocumentId = "signedDocumentId";
        public const string Committee = "committee";
        public const string Scoring = "scoring";
        public const string ApprovalLevel = "approvalLevel";
        public const string ApprovalRule = "approvalRule";
        public const string NegativeListHit = "negativeListHit";
        public const string Duplicate = "duplicate";
        public const string DuplicateReason = "duplicateReason";
        public const string NegativeListReason = "negativeListReason";
        public const string LitigationCount = "litigationCount";
        public const string PenaltyCount = "penaltyCount";
    }
}
