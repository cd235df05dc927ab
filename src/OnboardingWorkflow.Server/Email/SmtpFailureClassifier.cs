using System.Net.Sockets;
using MailKit.Net.Smtp;
using MimeKit;

namespace OnboardingWorkflow.Server.Email;

/// <summary>Tells a failure worth retrying from one that will never succeed.</summary>
public static class SmtpFailureClassifier
{
    public static EmailSendResult Classify(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception switch
        {
            SmtpCommandException command => ClassifyCommand(command),

            // An address that does not parse will not parse next time either.
            ParseException => EmailSendResult.Permanent($"Invalid address: {exception.Message}"),

            // Connection refused, DNS, TLS, timeouts, a dropped connection, authentication
            // (a configuration an operator can fix): all may work on a later attempt.
            SocketException socket => EmailSendResult.Transient($"Cannot reach the SMTP server ({socket.SocketErrorCode}): {socket.Message}"),
            _ => EmailSendResult.Transient($"{exception.GetType().Name}: {exception.Message}"),
        };
    }

    private static EmailSendResult ClassifyCommand(SmtpCommandException exception)
    {
        var status = (int)exception.StatusCode;
        var detail = $"SMTP {status} ({exception.ErrorCode}){Mailbox(exception)}: {exception.Message.Trim()}";

        // 5xx on a recipient or on the message itself is final. A 5xx on the sender is not treated
        // as final: it is the same for every message (a configuration error), and marking them all
        // Failed would lose mail that a corrected From address would deliver.
        var permanent = status is >= 500 and < 600
            && exception.ErrorCode is SmtpErrorCode.RecipientNotAccepted or SmtpErrorCode.MessageNotAccepted;
        return permanent ? EmailSendResult.Permanent(detail) : EmailSendResult.Transient(detail);
    }

    private static string Mailbox(SmtpCommandException exception) =>
        exception.Mailbox is null ? "" : $" for {exception.Mailbox.Address}";
}
