using System.Net.Sockets;
using MailKit.Net.Smtp;
using MimeKit;
using OnboardingWorkflow.Server.Email;

namespace OnboardingWorkflow.Server.Tests.Email;

public sealed class SmtpFailureClassifierFacts
{
    private static readonly MailboxAddress Nobody = new("", "nobody@example.test");

    [Theory]
    [InlineData(SmtpErrorCode.RecipientNotAccepted, SmtpStatusCode.MailboxUnavailable)]
    [InlineData(SmtpErrorCode.RecipientNotAccepted, SmtpStatusCode.MailboxNameNotAllowed)]
    [InlineData(SmtpErrorCode.RecipientNotAccepted, SmtpStatusCode.UserNotLocalTryAlternatePath)]
    [InlineData(SmtpErrorCode.MessageNotAccepted, SmtpStatusCode.TransactionFailed)]
    [InlineData(SmtpErrorCode.MessageNotAccepted, SmtpStatusCode.ExceededStorageAllocation)]
    public void Classify_5xxOnRecipientOrMessage_IsPermanent(SmtpErrorCode error, SmtpStatusCode status)
    {
        var result = SmtpFailureClassifier.Classify(new SmtpCommandException(error, status, Nobody, "refused"));

        Assert.Equal(EmailSendOutcome.PermanentFailure, result.Outcome);
        Assert.Contains(((int)status).ToString(System.Globalization.CultureInfo.InvariantCulture), result.Error);
    }

    [Theory]
    [InlineData(SmtpErrorCode.RecipientNotAccepted, SmtpStatusCode.MailboxBusy)]
    [InlineData(SmtpErrorCode.RecipientNotAccepted, SmtpStatusCode.InsufficientStorage)]
    [InlineData(SmtpErrorCode.MessageNotAccepted, SmtpStatusCode.ErrorInProcessing)]
    [InlineData(SmtpErrorCode.SenderNotAccepted, SmtpStatusCode.MailboxUnavailable)]
    [InlineData(SmtpErrorCode.UnexpectedStatusCode, SmtpStatusCode.AuthenticationRequired)]
    public void Classify_4xxOrSenderOrOtherCommandErrors_IsTransient(SmtpErrorCode error, SmtpStatusCode status)
    {
        var result = SmtpFailureClassifier.Classify(new SmtpCommandException(error, status, Nobody, "refused"));

        Assert.Equal(EmailSendOutcome.TransientFailure, result.Outcome);
    }

    [Fact]
    public void Classify_ConnectionProblems_AreTransient()
    {
        Assert.Equal(EmailSendOutcome.TransientFailure, SmtpFailureClassifier.Classify(new SocketException((int)SocketError.ConnectionRefused)).Outcome);
        Assert.Equal(EmailSendOutcome.TransientFailure, SmtpFailureClassifier.Classify(new TimeoutException("slow")).Outcome);
        Assert.Equal(EmailSendOutcome.TransientFailure, SmtpFailureClassifier.Classify(new IOException("reset")).Outcome);
        Assert.Equal(EmailSendOutcome.TransientFailure, SmtpFailureClassifier.Classify(new SmtpProtocolException("garbled")).Outcome);
    }

    [Fact]
    public void Classify_UnparsableAddress_IsPermanent()
    {
        var parse = Assert.Throws<ParseException>(() => InternetAddressList.Parse("not an address <<"));

        Assert.Equal(EmailSendOutcome.PermanentFailure, SmtpFailureClassifier.Classify(parse).Outcome);
    }
}
