namespace OnboardingWorkflow.Application.Tasks;

/// <summary>
/// One open task as the inbox lists it, with the case data a person sorts and searches by.
/// <see cref="ApplicationId"/> is the instance's business key (an application or a limit change id).
/// </summary>
public sealed record InboxItem(
    string Id,
    Guid InstanceId,
    string ProcessKey,
    string? ApplicationId,
    string ElementId,
    string? Name,
    string? Assignee,
    string? ClaimedBy,
    IReadOnlyList<string> CandidateGroups,
    IReadOnlyList<string> CandidateUsers,
    DateTimeOffset? DueDate,
    DateTimeOffset? FollowUpDate,
    int Priority,
    string? FormKey,
    DateTimeOffset CreatedAt,
    bool IsOverdue,
    string? CustomerName,
    string? RegistrationNumber,
    decimal? RequestedAmount);

/// <summary>A page of the inbox and how many tasks the whole filter holds.</summary>
public sealed record InboxPage(IReadOnlyList<InboxItem> Items, int Total, int Page, int PageSize);

/// <summary>The live count beside each <see cref="InboxFilter"/>.</summary>
public sealed record InboxCounts(int Available, int Mine, int MyGroups, int Unclaimed, int Overdue, int DueToday, int FollowUp);
