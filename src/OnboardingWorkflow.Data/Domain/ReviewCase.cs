namespace OnboardingWorkflow.Data.Domain;

/// <summary>Where a periodic review case stands.</summary>
public enum ReviewCaseStatus
{
    /// <summary>Started; waits for statements, scoring or approval.</summary>
    Running,

    /// <summary>Decided and applied: new grade, limit and terms, and the next review date set.</summary>
    Completed,

    /// <summary>The approvers refused the proposal: the limit and terms stay, the next review date is set.</summary>
    Rejected,
}

/// <summary>
/// One periodic review of a customer, for one cycle: the review due on <see cref="DueDate"/> (the
/// profile's next-review date when the job found it). Unique per (customer, due date), so however
/// often the daily job runs, retries or meets another server, a customer gets one case per cycle:
/// the database refuses the second insert, the check before it is only a shortcut. The case
/// keeps the statements Sales sent for it and, once decided, what the review set.
/// </summary>
public sealed class ReviewCase
{
    public Guid Id { get; set; }
    public Guid CustomerId { get; set; }

    /// <summary>The cycle: the next-review date the case was opened for.</summary>
    public DateOnly DueDate { get; set; }

    /// <summary>The workflow instance of workflows/periodic-review.bpmn; its business key is this case's id.</summary>
    public Guid InstanceId { get; set; }

    public ReviewCaseStatus Status { get; set; }

    /// <summary>The account owner who is asked for statements and is the case's maker.</summary>
    public required string Owner { get; set; }

    public required string PreviousGrade { get; set; }
    public required string PreviousTier { get; set; }
    public decimal PreviousLimit { get; set; }
    public int PreviousTermsDays { get; set; }

    /// <summary>Fresh statements sent for this review (credit library JSON), else the review scores those on file.</summary>
    public string? StatementsJson { get; set; }

    public string? StatementsBy { get; set; }
    public DateTimeOffset? StatementsAt { get; set; }

    public double? Score { get; set; }
    public string? Grade { get; set; }
    public string? Tier { get; set; }
    public decimal? ProposedLimit { get; set; }
    public int? ProposedTermsDays { get; set; }

    /// <summary>The authority level the decision was routed to: analyst, manager or committee.</summary>
    public string? ApprovalLevel { get; set; }

    public decimal? ApprovedLimit { get; set; }
    public int? ApprovedTermsDays { get; set; }
    public DateOnly? NextReview { get; set; }
    public string? Outcome { get; set; }
    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset? DecidedAt { get; set; }
    public int Revision { get; set; }

    /// <summary>Keeps the statements sent for the running review (a later set replaces an earlier one).</summary>
    public void AttachStatements(string json, string by, DateTimeOffset at)
    {
        if (Status != ReviewCaseStatus.Running)
        {
            throw new InvalidOperationException($"Review {Id} is {Status}; statements are for a running review.");
        }

        StatementsJson = json;
        StatementsBy = by;
        StatementsAt = at;
        Revision++;
    }

    /// <summary>The re-scoring's outcome and the proposal the approvers decide on.</summary>
    public void Assess(double score, string grade, string tier, decimal proposedLimit, int proposedTermsDays, string approvalLevel)
    {
        Score = score;
        Grade = grade;
        Tier = tier;
        ProposedLimit = proposedLimit;
        ProposedTermsDays = proposedTermsDays;
        ApprovalLevel = approvalLevel;
        Revision++;
    }

    /// <summary>Ends the case with what was decided and the date of the next review.</summary>
    public void Decide(ReviewCaseStatus status, decimal? approvedLimit, int? approvedTermsDays, DateOnly nextReview, string outcome, DateTimeOffset at)
    {
        if (Status != ReviewCaseStatus.Running || status == ReviewCaseStatus.Running)
        {
            throw new InvalidOperationException($"Review {Id} is {Status} and cannot become {status}.");
        }

        Status = status;
        ApprovedLimit = approvedLimit;
        ApprovedTermsDays = approvedTermsDays;
        NextReview = nextReview;
        Outcome = outcome;
        DecidedAt = at;
        Revision++;
    }
}
