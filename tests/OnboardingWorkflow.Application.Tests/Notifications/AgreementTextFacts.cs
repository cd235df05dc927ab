using OnboardingWorkflow.Application.Onboarding.Handlers;
using OnboardingWorkflow.Data.Domain;

namespace OnboardingWorkflow.Application.Tests.Notifications;

/// <summary>The credit agreement is the customer's document: it is written in the customer's language.</summary>
public sealed class AgreementTextFacts
{
    private static readonly CreditScoreRecord Score = new()
    {
        Grade = "A", Tier = "Medium", RecommendedSecurity = "Guarantee", ApprovalRule = "AM-2", ExplanationJson = "{}", PolicyVersion = "scorecard@3",
    };

    private static readonly Guid Application = Guid.Parse("7d1f6a52-0000-4000-8000-000000000001");
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 23, 30, 0, TimeSpan.FromHours(-5));

    [Fact]
    public void A_chinese_customer_gets_the_agreement_in_chinese()
    {
        var text = GenerateContractHandler.AgreementText(Customer("zh-CN"), 1_250_000m, 60, Score, Application, Now);

        Assert.StartsWith("授信协议\n客户：华东机械有限公司，统一社会信用代码 91310000MA1K000001\n", text.ReplaceLineEndings("\n"));
        Assert.Contains("信用额度：1,250,000.00", text);
        Assert.Contains("付款账期：60 天", text);
        Assert.Contains("担保方式：保证担保", text);
        Assert.Contains("信用等级 A，中风险；政策版本 scorecard@3", text);
        Assert.Contains("生成日期 2026-12-02", text); // the day in UTC
    }

    [Theory]
    [InlineData("en")]
    [InlineData(null)]
    [InlineData("fr")]
    public void Any_other_customer_gets_it_in_the_default_language(string? language)
    {
        var text = GenerateContractHandler.AgreementText(Customer(language), 1_250_000m, 60, Score, Application, Now);

        Assert.StartsWith("CREDIT AGREEMENT", text);
        Assert.Contains("Credit limit: 1,250,000.00", text);
        Assert.Contains("Security: guarantee", text);
        Assert.Contains("Grade A, medium risk; policy scorecard@3", text);
        Assert.Contains($"Application {Application}, generated 2026-12-02", text);
    }

    private static Customer Customer(string? language) => new()
    {
        Name = "华东机械有限公司", RegistrationNumber = "91310000MA1K000001", Language = language,
    };
}
