using OnboardingWorkflow.Web.Cases;

namespace OnboardingWorkflow.Web.Tests.Cases;

/// <summary>The new-application form refuses what the submission use case refuses, field by field.</summary>
public sealed class ApplicationFormFacts
{
    private static readonly DateOnly Today = new(2026, 11, 30);

    private static ApplicationForm Valid() => new() { Name = "Acme Trading", RegistrationNumber = "91-3301/A", RequestedLimit = 50_000m, TermsDays = 30 };

    [Fact]
    public void A_valid_form_passes_and_becomes_the_command()
    {
        var form = Valid();
        form.FoundedOn = new DateTime(2005, 1, 1);

        Assert.Empty(form.Check(Today));
        var command = form.ToCommand();
        Assert.Equal((new DateOnly(2005, 1, 1), 50_000m, "company"), (command.FoundedOn!.Value, command.RequestedLimit!.Value, command.CustomerType));
    }

    [Theory]
    [InlineData("name", "Form.Required")]
    [InlineData("registrationNumber", "Form.RegistrationPattern")]
    [InlineData("contactEmail", "Form.Email")]
    [InlineData("requestedLimit", "Form.Range")]
    [InlineData("termsDays", "Form.Range")]
    [InlineData("foundedOn", "Form.FoundedOn")]
    [InlineData("address", "Form.MaxLength")]
    public void Each_constraint_of_the_use_case_is_checked_at_its_field(string field, string key)
    {
        var form = Valid();
        switch (field)
        {
            case "name": form.Name = "  "; break;
            case "registrationNumber": form.RegistrationNumber = "-starts-with-dash"; break;
            case "contactEmail": form.ContactEmail = "not-an-address"; break;
            case "requestedLimit": form.RequestedLimit = 0m; break;
            case "termsDays": form.TermsDays = 366; break;
            case "foundedOn": form.FoundedOn = new DateTime(2026, 12, 1); break;
            case "address": form.Address = new string('x', 501); break;
        }

        Assert.Equal([(field, key)], form.Check(Today).Select(e => (e.Field, e.Key)));
    }

    [Fact]
    public void An_api_refusal_is_read_with_its_code_and_field_errors()
    {
        var result = new UploadResult(400, """{"code":"invalid_request","detail":"One or more fields are invalid.","errors":{"expiry":["must be a date"]}}""");

        Assert.False(result.Succeeded);
        Assert.Equal("invalid_request", result.Code);
        Assert.Equal(["must be a date"], result.FieldErrors["expiry"]);
        Assert.Empty(new UploadResult(500, "<html>").FieldErrors);
    }
}
