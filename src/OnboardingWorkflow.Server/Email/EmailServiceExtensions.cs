using Microsoft.Extensions.DependencyInjection.Extensions;
using OnboardingWorkflow.Data.Email;

namespace OnboardingWorkflow.Server.Email;

/// <summary>Registers the outbox, the SMTP sender and the dispatcher, the e-mail reviewers' tokens and their reply mailbox.</summary>
public static class EmailServiceExtensions
{
    public static WebApplicationBuilder AddOnboardingEmail(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<SmtpOptions>()
            .Bind(builder.Configuration.GetSection(SmtpOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddScoped<IEmailOutbox, EfEmailOutbox>();
        builder.Services.AddScoped<IEmailSender, MailKitEmailSender>();
        builder.Services.AddScoped<OutboxDispatcher>();
        builder.Services.AddOptions<OnboardingWorkflow.Application.EmailReview.EmailReviewOptions>()
            .Bind(builder.Configuration.GetSection(OnboardingWorkflow.Application.EmailReview.EmailReviewOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<OnboardingWorkflow.Application.EmailReview.ITokenProtector, SignedLinkTokens>();
        builder.Services.AddOptions<ReplyMailboxOptions>()
            .Bind(builder.Configuration.GetSection(ReplyMailboxOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<OnboardingWorkflow.Application.EmailReview.IReplyMailboxConnector, ImapReplyMailboxConnector>();
        return builder;
    }
}
