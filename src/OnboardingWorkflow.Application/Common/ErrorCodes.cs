namespace OnboardingWorkflow.Application.Common;

/// <summary>The machine-readable <c>code</c> of every problem the API returns; stable, clients match on them.</summary>
public static class ErrorCodes
{
    public const string InvalidRequest = "invalid_request";
    public const string Unauthorized = "unauthorized";
    public const string InvalidCredentials = "invalid_credentials";
    public const string Forbidden = "forbidden";
    public const string NotFound = "not_found";
    public const string MethodNotAllowed = "method_not_allowed";
    public const string Conflict = "conflict";
    public const string TaskAlreadyCompleted = "task_already_completed";
    public const string TaskClaimed = "task_claimed";
    public const string ConcurrencyConflict = "concurrency_conflict";
    public const string MakerCheckerViolation = "maker_checker_violation";
    public const string InsufficientAuthority = "insufficient_authority";
    public const string BpmnInvalid = "bpmn_invalid";
    public const string PayloadTooLarge = "payload_too_large";
    public const string UnsupportedMediaType = "unsupported_media_type";
    public const string InvalidState = "invalid_state";
    public const string Duplicate = "duplicate";
    public const string InternalError = "internal_error";
    public const string ContractViolation = "task_contract_violation";

    /// <summary>429: too many sign-in attempts for the account or from the address; see Retry-After.</summary>
    public const string TooManyRequests = "too_many_requests";

    /// <summary>409: the change would leave no enabled admin.</summary>
    public const string LastAdmin = "last_admin";
    public const string ProtectedVariable = "protected_variable";
    public const string AboveRecommendation = "limit_above_recommendation";
    public const string DocumentExpired = "document_expired";
    public const string IncidentNotFound = "incident_not_found";

    /// <summary>No external task has the id: it never existed, or it ended (completed, errored, interrupted).</summary>
    public const string ExternalTaskNotFound = "external_task_not_found";

    /// <summary>The worker does not hold the external task's lock (never fetched it, the lock expired, or another worker took it).</summary>
    public const string ExternalTaskLockLost = "external_task_lock_lost";

    /// <summary>409: the user keeps the most saved task filters allowed; delete one first.</summary>
    public const string SavedFilterLimit = "saved_filter_limit";

    /// <summary>400: a migration mapping names an element that is not in the old or the new version.</summary>
    public const string MigrationMappingInvalid = "migration_mapping_invalid";

    /// <summary>Import row: a field is missing, malformed, out of bounds or not used by the row's kind; the row's fields say which.</summary>
    public const string InvalidRow = "invalid_row";

    /// <summary>Import row: no customer has the registration number.</summary>
    public const string UnknownCustomer = "unknown_customer";

    /// <summary>Import row: the currency is not the ledger's, or an allocation joins items of two currencies.</summary>
    public const string CurrencyMismatch = "currency_mismatch";

    /// <summary>Import row: an earlier row of the same batch has the same kind and external id.</summary>
    public const string DuplicateRow = "duplicate_row";

    /// <summary>Import row: an allocation names an invoice, payment or credit note that is neither on file nor accepted earlier in the batch.</summary>
    public const string UnknownItem = "unknown_item";

    /// <summary>Import row: an allocation joins items of two customers.</summary>
    public const string CustomerMismatch = "customer_mismatch";

    /// <summary>Import row: an allocation is more than the invoice's open amount or the payment's or credit note's unallocated amount.</summary>
    public const string AllocationExceedsOpen = "allocation_exceeds_open";

    /// <summary>Import row: the change is not safe, e.g. the amount of an item with allocations, or an item's customer.</summary>
    public const string ImmutableChange = "immutable_change";

    /// <summary>409: the customer has no running overdue escalation to record a promise to pay on.</summary>
    public const string NoEscalationCase = "no_escalation_case";

    /// <summary>409: a promise to pay is in force; escalation resumes after its day if it is not kept.</summary>
    public const string PromiseInForce = "promise_in_force";

    /// <summary>409: the customer has no periodic review in progress to send statements to.</summary>
    public const string NoReviewCase = "no_review_case";

    /// <summary>409: the statements task says "submitted" but no statements were sent for the review.</summary>
    public const string StatementsMissing = "statements_missing";
    /// <summary>409: the early-warning alert was acknowledged already.</summary>
    public const string AlertAcknowledged = "alert_acknowledged";

    /// <summary>409: the customer already has an open remediation case.</summary>
    public const string RemediationOpen = "remediation_open";

    /// <summary>409: the customer has no open remediation case.</summary>
    public const string NoRemediationCase = "no_remediation_case";

    /// <summary>409: the customer owes nothing that a remediation case could work on.</summary>
    public const string NothingOwed = "nothing_owed";

    /// <summary>409: the customer's status does not allow a remediation case (a prospect, rejected or exited customer).</summary>
    public const string CustomerNotRemediable = "customer_not_remediable";

    /// <summary>409: the case is past the decision; its payment plan can no longer change.</summary>
    public const string PlanFixed = "plan_fixed";

    /// <summary>The code a bare status code stands for, when nothing more specific was said.</summary>
    public static string ForStatus(int status) => status switch
    {
        400 => InvalidRequest,
        401 => Unauthorized,
        403 => Forbidden,
        404 => NotFound,
        405 => MethodNotAllowed,
        409 => Conflict,
        413 => PayloadTooLarge,
        429 => TooManyRequests,
        415 => UnsupportedMediaType,
        422 => InvalidRequest,
        >= 500 => InternalError,
        _ => $"http_{status}",
    };
}
