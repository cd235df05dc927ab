namespace OnboardingWorkflow.Data.Domain;

/// <summary>Where a customer stands with us.</summary>
public enum CustomerStatus
{
    Prospect,
    Active,
    Rejected,

    /// <summary>Active customer whose limit is suspended: no new credit until reinstated.</summary>
    Suspended,

    /// <summary>No new business at all, e.g. during legal action; set by remediation.</summary>
    Blocked,

    /// <summary>The relationship ended (exit with tracking); kept for the archive.</summary>
    Exited,
}

/// <summary>The outcome so far of an onboarding application.</summary>
public enum ApplicationStatus
{
    InProgress,
    Approved,
    Active,
    Rejected,
    Withdrawn,
}

/// <summary>The stage of the onboarding flow an application is in.</summary>
public enum ApplicationStage
{
    Application,
    DocumentCollection,
    DocumentReview,
    DueDiligence,
    Scoring,
    Approval,
    Contracting,
    Completed,
}

/// <summary>Kinds of document on the onboarding checklist.</summary>
public enum DocumentType
{
    BusinessLicence,
    FinancialStatements,
    BankReference,
    TaxRecords,
    LegalRepresentativeId,
    SignedContract,
    Other,
}

public enum VerificationState
{
    Pending,
    Verified,
    Rejected,
}

/// <summary>What due diligence found.</summary>
public enum FindingKind
{
    Litigation,
    AdministrativePenalty,
    NegativeListHit,
    SiteVisitNote,
}

/// <summary>What a decision said; automatic outcomes come from the system, not a person.</summary>
public enum DecisionOutcome
{
    Approve,
    Reject,
    RequestInfo,
    DocumentsComplete,
    DocumentsReturned,
    Scored,
    KnockedOut,
    Duplicate,
    NegativeList,
    Withdrawn,
    Activated,
    DocumentVerified,
    DocumentRejected,
    LimitChanged,

    /// <summary>A periodic review applied: new grade, limit, terms and next review date.</summary>
    Reviewed,

    /// <summary>A remediation option chosen (payment plan, restructuring, legal action, write-off).</summary>
    RemediationProposed,

    /// <summary>A payment plan came into force (after a restructuring: with its write-down).</summary>
    PaymentPlanStarted,

    /// <summary>A debt written off and the customer exited.</summary>
    WrittenOff,
}
