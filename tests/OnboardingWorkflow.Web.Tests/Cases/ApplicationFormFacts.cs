using OnboardingWorkflow.Web.Cases;

namespace OnboardingWorkflow.Web.Tests.Cases;

/// <summary>The new-application form refuses what the submission use case refuses, field by field.</summary>
public sealed class ApplicationFormFacts
{
    private static readonly DateOnly Today = new(2026, 11, 30);

    private static readonly System.Globalization.CultureInfo English = System.Globalization.CultureInfo.GetCultureInfo("en-US");

    private static ApplicationForm Valid() => new() { Name = "Acme Trading", RegistrationNumber = "91-3301/A", RequestedLimit = "50000", TermsDays = "30" };

    [Fact]
    public void A_valid_form_passes_and_becomes_the_command()
    {
        var form = Valid();
        form.FoundedOn = "2005-01-01";

        Assert.Empty(form.Check(Today, English));
        var command = form.ToCommand(English);
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
            case "requestedLimit": form.RequestedLimit = "0"; break;
            case "termsDays": form.TermsDays = "366"; break;
            case "foundedOn": form.FoundedOn = "12/1/2026"; break;
            case "address": form.Address = new string('x', 501); break;
        }

        Assert.Equal([(field, key)], form.Check(Today, English).Select(e => (e.Field, e.Key)));
    }

    [Theory]
    [InlineData("requestedLimit", "1e30", "Form.NotANumber")]
    [InlineData("requestedLimit", "1234567890123456789012345678901234567890", "Form.NotANumber")]
    [InlineData("requestedLimit", "-5", "Form.Range")]
    [InlineData("requestedLimit", "5000000000000", "Form.Range")]
    [InlineData("termsDays", "99999999999", "Form.Range")]
    [InlineData("termsDays", "7.5", "Form.NotANumber")]
    [InlineData("expectedMonthlyPurchases", "abc", "Form.NotANumber")]
    [InlineData("foundedOn", "13/45/2020", "Form.NotADate")]
    [InlineData("foundedOn", "1/1/0001", "Form.FoundedOn")]
    public void Text_that_is_no_number_or_date_or_out_of_range_is_refused_never_sent_as_empty_or_as_the_bound(string field, string typed, string key)
    {
        var form = Valid();
        switch (field)
        {
            case "requestedLimit": form.RequestedLimit = typed; break;
            case "termsDays": form.TermsDays = typed; break;
            case "expectedMonthlyPurchases": form.ExpectedMonthlyPurchases = typed; break;
            case "foundedOn": form.FoundedOn = typed; break;
        }

        Assert.Equal([(field, key)], form.Check(Today, English).Select(e => (e.Field, e.Key)));
    }

    [Fact]
    public void Amounts_are_read_in_the_users_culture()
    {
        var form = Valid();
        form.RequestedLimit = "1,250,000.50";
        form.FoundedOn = "2005/1/31";
        var chinese = System.Globalization.CultureInfo.GetCultureInfo("zh-CN");

        Assert.Empty(form.Check(Today, chinese));
        Assert.Equal((1_250_000.50m, new DateOnly(2005, 1, 31)), (form.ToCommand(chinese).RequestedLimit!.Value, form.ToCommand(chinese).FoundedOn!.Value));
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
