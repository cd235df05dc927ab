using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace OnboardingWorkflow.Server.Email;

/// <summary>
/// Sends through the configured SMTP server with MailKit. One connection serves every message of
/// a scope (a dispatcher run); after any failure it is dropped and the next send reconnects.
/// </summary>
public sealed class MailKitEmailSender(IOptions<SmtpOptions> options, ILogger<MailKitEmailSender> logger) : IEmailSender, IAsyncDisposable
{
    private readonly SmtpOptions smtp = options.Value;
    private SmtpClient? client;

    public async Task<EmailSendResult> SendAsync(OutgoingEmail email, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(email);
        MimeMessage message;
        try
        {
            message = Build(email);
        }
        catch (ParseException exception)
        {
            return SmtpFailureClassifier.Classify(exception);
        }

        try
        {
            var connected = await ConnectAsync(cancellationToken);
            await connected.SendAsync(message, cancellationToken);
            return EmailSendResult.Sent(message.MessageId ?? $"{email.Id:N}");
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await DropAsync();
            throw;
        }
        catch (Exception exception)
        {
            await DropAsync();
            var result = SmtpFailureClassifier.Classify(exception);
            logger.LogWarning(exception, "Sending e-mail {OutboxId} through {Host}:{Port} failed ({Outcome})", email.Id, smtp.Host, smtp.Port, result.Outcome);
            return result;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (client is { IsConnected: true })
        {
            try
            {
                await client.DisconnectAsync(quit: true);
            }
            catch (Exception exception)
            {
                logger.LogDebug(exception, "QUIT to {Host}:{Port} failed; the connection is closed anyway", smtp.Host, smtp.Port);
            }
        }

        client?.Dispose();
        client = null;
    }

    private MimeMessage Build(OutgoingEmail email)
    {
        var from = MailboxAddress.Parse(smtp.From);
        var message = new MimeMessage
        {
            Subject = email.Subject,
            // The same Message-ID on every attempt lets receivers drop a duplicate delivery.
            MessageId = $"{email.Id:N}@{Domain(from)}",
        };
        message.From.Add(from);
        message.To.AddRange(InternetAddressList.Parse(email.To));
        if (!string.IsNullOrWhiteSpace(email.Cc))
        {
            message.Cc.AddRange(InternetAddressList.Parse(email.Cc));
        }

        if (!string.IsNullOrWhiteSpace(email.ReplyTo))
        {
            message.ReplyTo.AddRange(InternetAddressList.Parse(email.ReplyTo));
        }

        // Every message of the product is written by a machine (RFC 3834): out-of-office
        // responders and the reply job of another installation must not answer it.
        message.Headers.Add("Auto-Submitted", "auto-generated");
        message.Body = new BodyBuilder { TextBody = email.TextBody, HtmlBody = email.HtmlBody }.ToMessageBody();
        return message;
    }

    private static string Domain(MailboxAddress from)
    {
        var at = from.Address.LastIndexOf('@');
        return at >= 0 && at < from.Address.Length - 1 ? from.Address[(at + 1)..] : "localhost";
    }

    private async Task<SmtpClient> ConnectAsync(CancellationToken cancellationToken)
    {
        if (client is { IsConnected: true })
        {
            return client;
        }

        client?.Dispose();
        client = new SmtpClient { Timeout = (int)smtp.Timeout.TotalMilliseconds };
        using var connectLimit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        connectLimit.CancelAfter(smtp.Timeout);
        try
        {
            await client.ConnectAsync(smtp.Host, smtp.Port, Map(smtp.Security), connectLimit.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"Connecting to {smtp.Host}:{smtp.Port} took longer than {smtp.Timeout}.");
        }

        if (!string.IsNullOrEmpty(smtp.User))
        {
            await client.AuthenticateAsync(smtp.User, smtp.Password ?? "", cancellationToken);
        }

        return client;
    }

    private async Task DropAsync()
    {
        var old = client;
        client = null;
        if (old is null)
        {
            return;
        }

        try
        {
            if (old.IsConnected)
            {
                await old.DisconnectAsync(quit: false);
            }
        }
        catch (Exception exception)
        {
            logger.LogDebug(exception, "Closing a failed SMTP connection raised an error");
        }
        finally
        {
            old.Dispose();
        }
    }

    internal static SecureSocketOptions Map(SmtpSecurity security) => security switch
    {
        SmtpSecurity.None => SecureSocketOptions.None,
        SmtpSecurity.StartTls => SecureSocketOptions.StartTls,
        SmtpSecurity.StartTlsWhenAvailable => SecureSocketOptions.StartTlsWhenAvailable,
        SmtpSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
        _ => throw new ArgumentOutOfRangeException(nameof(security), security, "Unknown SMTP security option."),
    };
}
