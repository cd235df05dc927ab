namespace OnboardingWorkflow.Data.Domain;

/// <summary>What an e-mail action token is for.</summary>
public enum EmailActionKind
{
    /// <summary>A link for one decision on one task (the <c>/review/{token}</c> page).</summary>
    Link,

    /// <summary>The reference a reply quotes in its subject or address; the reply's first line says the decision.</summary>
    Reply,
}

/// <summary>
/// One e-mail action a reviewer was sent: bound to the task, the user and (for a link) the
/// decision, with its expiry, used at most once. The token in the e-mail is signed and names
/// this row; the row is what makes it single-use and lets a reassignment or a decision taken
/// elsewhere kill it.
/// </summary>
public sealed class EmailActionToken
{
    public Guid Id { get; set; }
    public required string TaskId { get; set; }
    public required string UserName { get; set; }
    public EmailActionKind Kind { get; set; }

    /// <summary>The decision a link makes; null for a reply reference (the reply states it).</summary>
    public string? Decision { get; set; }

    /// <summary>The task's assignee when the token was issued (null when it was offered to its candidates): a reassignment kills the token.</summary>
    public string? AssigneeAtIssue { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
    public DateTimeOffset? UsedAt { get; set; }

    /// <summary>Why the token was last refused or what it did: "decided", "expired", "task-ended", ...</summary>
    public string? Outcome { get; set; }

    /// <summary>Concurrency token: of two servers using the token at once, one wins.</summary>
    public long Revision { get; set; }
}

/// <summary>
/// A message read from the reviewers' mailbox, recorded by its IMAP identity before it is acted
/// on, so that each message is processed exactly once across restarts and servers.
/// </summary>
public sealed class InboundEmail
{
    public long Id { get; set; }

    /// <summary>The account and folder the message was read from ("reviews@example.com/INBOX").</summary>
    public required string Mailbox { get; set; }

    public long UidValidity { get; set; }
    public long Uid { get; set; }
    public string? MessageId { get; set; }
    public string? Sender { get; set; }
    public string? Subject { get; set; }
    public Guid? TokenId { get; set; }
    public DateTimeOffset ReceivedAt { get; set; }
    public DateTimeOffset? ProcessedAt { get; set; }

    /// <summary>What came of it: "decided", "expired", "used", "task-ended", "not-understood", "wrong-sender", "auto-reply", "no-token".</summary>
    public string? Outcome { get; set; }

    /// <summary>Whether the message has been moved to the processed folder.</summary>
    public bool Moved { get; set; }
}

/// <summary>What a task e-mail was.</summary>
public enum TaskMailKind
{
    /// <summary>The task is waiting for the user: the case summary with the decisions it allows.</summary>
    Request,

    /// <summary>The task falls due soon.</summary>
    Reminder,

    /// <summary>The task is overdue: sent to the next authority level.</summary>
    Escalation,
}

/// <summary>One task e-mail sent to one user; unique per task, user and kind, so jobs that retry or run on two servers send it once.</summary>
public sealed class TaskMailNotice
{
    public long Id { get; set; }
    public required string TaskId { get; set; }
    public required string UserName { get; set; }
    public TaskMailKind Kind { get; set; }
    public DateTimeOffset SentAt { get; set; }
}

/// <summary>The daily digest of open tasks sent to one user on one day; unique per user and day.</summary>
public sealed class TaskDigest
{
    public long Id { get; set; }
    public required string UserName { get; set; }
    public DateOnly Day { get; set; }
    public int OpenTasks { get; set; }
    public DateTimeOffset SentAt { get; set; }
}
