using System.ComponentModel.DataAnnotations;
using OnboardingWorkflow.Server.Email;

namespace OnboardingWorkflow.Server.Tests.Email;

public sealed class SmtpOptionsFacts
{
    private static List<ValidationResult> Validate(SmtpOptions options)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        return results;
    }

    [Fact]
    public void Defaults_AreValid()
    {
        Assert.Empty(Validate(new SmtpOptions()));
    }

    [Fact]
    public void Validate_RefusesBadValues_NamingTheSetting()
    {
        Assert.Contains(Validate(new SmtpOptions { Port = 0 }), r => r.MemberNames.Contains(nameof(SmtpOptions.Port)));
        Assert.Contains(Validate(new SmtpOptions { Host = "" }), r => r.MemberNames.Contains(nameof(SmtpOptions.Host)));
        Assert.Contains(Validate(new SmtpOptions { From = "no at sign here <" }), r => r.MemberNames.Contains(nameof(SmtpOptions.From)));
        Assert.Contains(Validate(new SmtpOptions { User = "mailer" }), r => r.MemberNames.Contains(nameof(SmtpOptions.Password)));
        Assert.Contains(Validate(new SmtpOptions { MaxAttempts = 0 }), r => r.MemberNames.Contains(nameof(SmtpOptions.MaxAttempts)));
        Assert.Contains(Validate(new SmtpOptions { RetryMaxDelay = TimeSpan.FromSeconds(1) }), r => r.MemberNames.Contains(nameof(SmtpOptions.RetryMaxDelay)));
        Assert.Contains(Validate(new SmtpOptions { ClaimDuration = TimeSpan.FromSeconds(10) }), r => r.MemberNames.Contains(nameof(SmtpOptions.ClaimDuration)));
    }

    [Fact]
    public void Validate_AcceptsUserWithPassword()
    {
        Assert.Empty(Validate(new SmtpOptions { User = "mailer", Password = "from-the-environment" }));
    }
}
