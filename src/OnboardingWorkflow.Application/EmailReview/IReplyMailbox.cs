namespace OnboardingWorkflow.Application.EmailReview;

/// <summary>
/// A message of the reviewers' mailbox as the reply sweep reads it: the headers that tell a person's
/// reply from an automatic one, the addresses a reference may hide in, and the text the person wrote
/// (already bounded in size, HTML already turned into text).
/// </summary>
public sealed record InboundReply(
    long Uid,
    string? MessageId,
    string? From,
    IReadOnlyList<string> Recipients,
    string? Subject,
    IReadOnlyDictionary<string, string> Headers,
    string? ContentType,
    string Text);

/// <summary>One open folder of the reviewers' mailbox, addressed by UID.</summary>
public interface IReplyMailbox : IAsyncDisposable
{
    /// <summary>The account and folder ("reviews@example.com@imap.example.com/INBOX"): with the UIDVALIDITY and the UID, a message's identity.</summary>
    string Name { get; }

    long UidValidity { get; }

    /// <summary>The UIDs of the folder's messages, oldest first, at most one batch.</summary>
    Task<IReadOnlyList<long>> UidsAsync(CancellationToken cancellationToken);

    /// <summary>The message, or null when it has gone (moved or deleted meanwhile).</summary>
    Task<InboundReply?> ReadAsync(long uid, CancellationToken cancellationToken);

    /// <summary>Moves the message to the processed folder; false when it was no longer there.</summary>
    Task<bool> MoveToProcessedAsync(long uid, CancellationToken cancellationToken);
}

/// <summary>Opens the reviewers' mailbox (EmailReview:Imap); the host provides it.</summary>
public interface IReplyMailboxConnector
{
    /// <summary>False when no mailbox is configured: the sweep does nothing.</summary>
    bool IsConfigured { get; }

    Task<IReplyMailbox> OpenAsync(CancellationToken cancellationToken);
}
