namespace OnboardingWorkflow.Application.LimitChanges;

/// <summary>Names shared by workflows/credit-limit-change.bpmn and the code; a test checks them against the file.</summary>
public static class LimitChangeProcess
{
    public const string Key = "creditLimitChange";

    public static class Tasks
    {
        public const string ApproveAnalyst = "approveLimitAnalyst";
        public const string ApproveManager = "approveLimitManager";
        public const string ApproveCommittee = "approveLimitCommittee";

        public static readonly IReadOnlySet<string> Approvals = new HashSet<string>(StringComparer.Ordinal) { ApproveAnalyst, ApproveManager, ApproveCommittee };
    }

    public const string TemporaryLimitEnds = "temporaryLimitEnds";

    /// <summary>Start variables (protected).</summary>
    public static class Start
    {
        public const string RequestId = "requestId";
        public const string Kind = "kind";
        public const string Maker = "maker";
        public const string CurrentLimit = "currentLimit";
        public const string RequestedLimit = "requestedLimit";
        public const string TemporaryUntil = "temporaryUntil";
    }

    public static class Variables
    {
        public const string ApprovalLevel = "approvalLevel";
        public const string Committee = "committee";
        public const string RecommendedLimit = "recommendedLimit";
    }
}
