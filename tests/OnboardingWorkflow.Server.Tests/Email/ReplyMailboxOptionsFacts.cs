using System.ComponentModel.DataAnnotations;
using OnboardingWorkflow.Server.Email;

namespace OnboardingWorkflow.Server.Tests.Email;

public sealed class ReplyMailboxOptionsFacts
{
    private static List<ValidationResult> Validate(ReplyMailboxOptions options)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        return results;
    }

    private static ReplyMailboxOptions Configured() => new() { Host = "imap.example.com", UserName = "reviews@example.com", Password = "from-the-environment" };

    [Fact]
    public void Validate_AcceptsNoMailbox_AndAComplete_One()
    {
        Assert.Empty(Validate(new ReplyMailboxOptions()));
        Assert.False(new ReplyMailboxOptions().IsConfigured);
        Assert.Empty(Validate(Configured()));
    }

    [Fact]
    public void Validate_RefusesAnIncompleteMailbox_NamingTheSetting()
    {
        Assert.Contains(Validate(new ReplyMailboxOptions { Host = "imap.example.com" }), r => r.ErrorMessage!.Contains("EmailReview:Imap:UserName", StringComparison.Ordinal));
        var noPassword = Configured();
        noPassword.Password = null;
        Assert.Contains(Validate(noPassword), r => r.ErrorMessage!.Contains("EmailReview:Imap:Password", StringComparison.Ordinal));
        var sameFolder = Configured();
        sameFolder.ProcessedFolder = "inbox";
        Assert.Contains(Validate(sameFolder), r => r.MemberNames.Contains(nameof(ReplyMailboxOptions.ProcessedFolder)));
        var port = Configured();
        port.Port = 0;
        Assert.Contains(Validate(port), r => r.MemberNames.Contains(nameof(ReplyMailboxOptions.Port)));
        var batch = Configured();
        batch.BatchSize = 0;
        Assert.Contains(Validate(batch), r => r.MemberNames.Contains(nameof(ReplyMailboxOptions.BatchSize)));
    }
}
