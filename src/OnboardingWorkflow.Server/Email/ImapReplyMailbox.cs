using MailKit;
using MailKit.Net.Imap;
using MailKit.Search;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;
using OnboardingWorkflow.Application.EmailReview;

namespace OnboardingWorkflow.Server.Email;

/// <summary>Opens the reviewers' mailbox of EmailReview:Imap with MailKit.</summary>
public sealed class ImapReplyMailboxConnector(IOptions<ReplyMailboxOptions> options, ILogger<ImapReplyMailbox> logger) : IReplyMailboxConnector
{
    public bool IsConfigured => options.Value.IsConfigured;

    public async Task<IReplyMailbox> OpenAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (!settings.IsConfigured)
        {
            throw new InvalidOperationException("EmailReview:Imap:Host is not set: there is no mailbox to read.");
        }

        var client = new ImapClient { Timeout = (int)settings.Timeout.TotalMilliseconds };
        try
        {
            await client.ConnectAsync(settings.Host!, settings.Port, Map(settings.Security), cancellationToken);
            await client.AuthenticateAsync(settings.UserName ?? "", settings.Password ?? "", cancellationToken);
            var folder = string.Equals(settings.Folder, "INBOX", StringComparison.OrdinalIgnoreCase)
                ? client.Inbox
                : await client.GetFolderAsync(settings.Folder, cancellationToken);
            var processed = await ProcessedFolderAsync(client, settings.ProcessedFolder, cancellationToken);
            await folder.OpenAsync(FolderAccess.ReadWrite, cancellationToken);
            return new ImapReplyMailbox(client, folder, processed, $"{settings.UserName}@{settings.Host}/{settings.Folder}", settings.BatchSize, logger);
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    private static async Task<IMailFolder> ProcessedFolderAsync(ImapClient client, string name, CancellationToken cancellationToken)
    {
        try
        {
            return await client.GetFolderAsync(name, cancellationToken) ?? throw new FolderNotFoundException(name);
        }
        catch (FolderNotFoundException)
        {
            var root = client.GetFolder(client.PersonalNamespaces[0]);
            return await root.CreateAsync(name, isMessageFolder: true, cancellationToken)
                ?? throw new InvalidOperationException($"EmailReview:Imap:ProcessedFolder '{name}' could not be created.");
        }
    }

    internal static SecureSocketOptions Map(ImapSecurity security) => security switch
    {
        ImapSecurity.Auto => SecureSocketOptions.Auto,
        ImapSecurity.None => SecureSocketOptions.None,
        ImapSecurity.StartTls => SecureSocketOptions.StartTls,
        ImapSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
        _ => throw new ArgumentOutOfRangeException(nameof(security), security, "Unknown IMAP security option."),
    };
}

/// <summary>
/// One open folder of the reviewers' mailbox. A message is read in bounded parts: its headers, its
/// structure, and only its text part (else its HTML part, turned into text), never its attachments.
/// </summary>
public sealed class ImapReplyMailbox : IReplyMailbox
{
    /// <summary>A text part larger than this is not read: no reply a person types comes near it.</summary>
    public const int MaxPartOctets = 256 * 1024;

    /// <summary>The characters of a reply's text the reader is given.</summary>
    public const int MaxTextLength = 64 * 1024;

    private static readonly string[] KeptHeaders = ["Auto-Submitted", "X-Autoreply", "X-Autorespond", "Precedence"];
    private static readonly string[] AddressHeaders = ["Delivered-To", "X-Original-To"];

    private readonly ImapClient _client;
    private readonly IMailFolder _folder;
    private readonly IMailFolder _processed;
    private readonly int _batchSize;
    private readonly ILogger _logger;

    internal ImapReplyMailbox(ImapClient client, IMailFolder folder, IMailFolder processed, string name, int batchSize, ILogger logger)
    {
        _client = client;
        _folder = folder;
        _processed = processed;
        _batchSize = batchSize;
        _logger = logger;
        Name = name;
    }

    public string Name { get; }

    public long UidValidity => _folder.UidValidity;

    public async Task<IReadOnlyList<long>> UidsAsync(CancellationToken cancellationToken)
    {
        var uids = await _folder.SearchAsync(SearchQuery.NotDeleted, cancellationToken);
        return uids.Select(u => (long)u.Id).Order().Take(_batchSize).ToList();
    }

    public async Task<InboundReply?> ReadAsync(long uid, CancellationToken cancellationToken)
    {
        var id = new UniqueId((uint)uid);
        var request = new FetchRequest(MessageSummaryItems.UniqueId | MessageSummaryItems.Envelope | MessageSummaryItems.BodyStructure | MessageSummaryItems.Headers);
        var summary = (await _folder.FetchAsync([id], request, cancellationToken)).FirstOrDefault();
        if (summary is null)
        {
            return null;
        }

        var envelope = summary.Envelope ?? new Envelope();
        var all = summary.Headers ?? [];
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var name in KeptHeaders)
        {
            if (all[name] is { } value)
            {
                headers[name] = value;
            }
        }

        var recipients = envelope.To.Mailboxes.Concat(envelope.Cc.Mailboxes).Select(m => m.Address)
            .Concat(AddressHeaders.SelectMany(h => all.Where(x => x.Field.Equals(h, StringComparison.OrdinalIgnoreCase)).Select(x => x.Value.Trim())))
            .ToList();
        return new InboundReply(uid, envelope.MessageId, envelope.From.Mailboxes.FirstOrDefault()?.Address, recipients, envelope.Subject, headers,
            summary.Body?.ContentType.MimeType, await TextAsync(id, summary, cancellationToken));
    }

    private async Task<string> TextAsync(UniqueId id, IMessageSummary summary, CancellationToken cancellationToken)
    {
        if (summary.TextBody is { } plain && plain.Octets <= MaxPartOctets
            && await _folder.GetBodyPartAsync(id, plain, cancellationToken) is TextPart text)
        {
            var content = text.Text ?? "";
            return content.Length > MaxTextLength ? content[..MaxTextLength] : content;
        }

        if (summary.HtmlBody is { } html && html.Octets <= MaxPartOctets
            && await _folder.GetBodyPartAsync(id, html, cancellationToken) is TextPart markup)
        {
            return HtmlReplyText.Convert(markup.Text ?? "", MaxTextLength);
        }

        _logger.LogInformation("Reply {Uid} of {Mailbox} has no text part of at most {Octets} bytes", id.Id, Name, MaxPartOctets);
        return "";
    }

    public async Task<bool> MoveToProcessedAsync(long uid, CancellationToken cancellationToken)
    {
        var id = new UniqueId((uint)uid);
        if ((await _folder.SearchAsync(SearchQuery.Uids([id]), cancellationToken)).Count == 0)
        {
            return false;
        }

        try
        {
            await _folder.MoveToAsync(id, _processed, cancellationToken);
            return true;
        }
        catch (ImapCommandException exception) when (exception.Response == ImapCommandResponse.No)
        {
            // Another server moved it between the search and the move; anything else is a real failure.
            if ((await _folder.SearchAsync(SearchQuery.Uids([id]), cancellationToken)).Count == 0)
            {
                return false;
            }

            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_client.IsConnected)
            {
                await _client.DisconnectAsync(quit: true);
            }
        }
        catch (Exception exception)
        {
            _logger.LogDebug(exception, "LOGOUT from {Mailbox} failed; the connection is closed anyway", Name);
        }
        finally
        {
            _client.Dispose();
        }
    }
}
