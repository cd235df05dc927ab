namespace OnboardingWorkflow.Application.EarlyWarning;

/// <summary>Names shared by workflows/qualification-renewal.bpmn and the code; a test checks them against the file.</summary>
public static class QualificationProcess
{
    public const string Key = "qualificationRenewal";

    /// <summary>Start variables (protected); the business key is the customer id.</summary>
    public static class Start
    {
        public const string CustomerId = "customerId";
        public const string DocumentId = "documentId";
        public const string DocumentType = "documentType";
        public const string ExpiresOn = "expiresOn";
        public const string Mandatory = "mandatory";
        public const string AccountOwner = "accountOwner";
    }

    public static class Tasks
    {
        public const string RenewQualification = "renewQualification";
    }
}
