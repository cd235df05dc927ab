namespace OnboardingWorkflow.Application.Tests.Common;

public sealed class InputRulesFacts
{
    [Theory]
    [InlineData("ACME\u202Egnp.exe")]
    [InlineData("ACME\u2066Ltd")]
    [InlineData("ACME\u200FLtd")]
    [InlineData("ACME\u0000Ltd")]
    [InlineData("ACME\nLtd")]
    [InlineData("ACME\u0085Ltd")]
    public void Text_RefusesControlAndDirectionCharacters_NamingTheField(string value)
    {
        var rules = new InputRules();
        rules.Text("name", value, 300);

        var error = Assert.Throws<AppException>(rules.ThrowIfAny);
        Assert.Equal(AppErrorKind.Invalid, error.Kind);
        Assert.Contains("text-direction", Assert.Single(error.FieldErrors!["name"]));
    }

    [Fact]
    public void Text_AcceptsChineseNamesAndTrims()
    {
        var rules = new InputRules();
        Assert.Equal("上海某某贸易有限公司", rules.Text("name", "  上海某某贸易有限公司 ", 300));
        Assert.False(rules.HasErrors);
    }

    [Fact]
    public void Text_RequiredAndTooLong_AreBothReported()
    {
        var rules = new InputRules();
        rules.Text("name", "  ", 10, required: true);
        rules.Text("address", new string('x', 11), 10);

        var error = Assert.Throws<AppException>(rules.ThrowIfAny);
        Assert.Equal(["is required"], error.FieldErrors!["name"]);
        Assert.Equal(["must be at most 10 characters"], error.FieldErrors["address"]);
    }

    [Fact]
    public void DateWithin_RefusesDatesOutsideTheRange_InclusiveBounds()
    {
        var rules = new InputRules();
        var today = new DateOnly(2026, 11, 30);
        rules.DateWithin("a", today, new DateOnly(1800, 1, 1), today, "founded");
        rules.DateWithin("b", new DateOnly(1800, 1, 1), new DateOnly(1800, 1, 1), today, "founded");
        Assert.False(rules.HasErrors);

        rules.DateWithin("c", today.AddDays(1), new DateOnly(1800, 1, 1), today, "founded");
        rules.DateWithin("d", new DateOnly(9999, 12, 31), new DateOnly(1800, 1, 1), today, "founded");
        var error = Assert.Throws<AppException>(rules.ThrowIfAny);
        Assert.Equal(["c", "d"], error.FieldErrors!.Keys.Order());
    }

    [Theory]
    [InlineData("TaxRecords,LegalRepresentativeId")]
    [InlineData("BankReference, Other")]
    [InlineData("3")]
    [InlineData("1,2")]
    [InlineData("")]
    [InlineData(null)]
    public void Choice_TakesOnlyAWholeDeclaredName_NeverANumberOrAListEnumParseWouldMerge(string? value)
    {
        var rules = new InputRules();

        Assert.Null(rules.Choice<OnboardingWorkflow.Data.Domain.DocumentType>("type", value));
        var error = Assert.Throws<AppException>(rules.ThrowIfAny);
        Assert.StartsWith("must be one of BusinessLicence, ", Assert.Single(error.FieldErrors!["type"]));
    }

    [Fact]
    public void Choice_IgnoresCaseAndSurroundingSpaces()
    {
        var rules = new InputRules();

        Assert.Equal(OnboardingWorkflow.Data.Domain.DocumentType.BankReference, rules.Choice<OnboardingWorkflow.Data.Domain.DocumentType>("type", " bankreference "));
        Assert.False(rules.HasErrors);
    }
}
