using OnboardingWorkflow.Server.Operations;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OnboardingWorkflow.Data.Email;

namespace OnboardingWorkflow.Server.Email;

/// <summary>Registers the outbox, the SMTP sender and the dispatcher, the e-mail reviewers' tokens and their reply mailbox.</summary>
public static class EmailServiceExtensions
{
    public static WebApplicationBuilder AddOnboardingEmail(this WebApplicationBuilder builder)
    {
        builder.Services.AddSection<SmtpOptions>(builder.Configuration, SmtpOptions.Section);
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddScoped<IEmailOutbox, EfEmailOutbox>();
        builder.Services.AddScoped<IEmailSender, MailKitEmailSender>();
        builder.Services.AddScoped<OutboxDispatcher>();
        builder.Services.AddSection<OnboardingWorkflow.Application.EmailReview.EmailReviewOptions>(builder.Configuration, OnboardingWorkflow.Application.EmailReview.EmailReviewOptions.Section);
        builder.Services.AddSingleton<OnboardingWorkflow.Application.EmailReview.ITokenProtector, SignedLinkTokens>();
        builder.Services.AddSection<ReplyMailboxOptions>(builder.Configuration, ReplyMailboxOptions.Section);
        builder.Services.AddSingleton<OnboardingWorkflow.Application.EmailReview.IReplyMailboxConnector, ImapReplyMailboxConnector>();
        return builder;
    }
}
