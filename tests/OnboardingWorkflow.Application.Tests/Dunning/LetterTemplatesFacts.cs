using System.Globalization;
using OnboardingWorkflow.Application.Dunning;
using OnboardingWorkflow.Data.Domain;

namespace OnboardingWorkflow.Application.Tests.Dunning;

/// <summary>Every letter of the escalation renders in every language the product speaks, with its customer, invoices and amounts.</summary>
public sealed class LetterTemplatesFacts
{
    private static readonly LetterModel Model = new("Acme Trading", 2, "CNY", "1,234.50",
        [new LetterInvoice("INV-77", "2026-03-01", 16, "1,000.00"), new LetterInvoice("INV-78", "2026-03-05", 12, "234.50")]);

    public static TheoryData<DunningLetterKind, string> Letters()
    {
        var data = new TheoryData<DunningLetterKind, string>();
        foreach (var kind in Enum.GetValues<DunningLetterKind>())
        {
            foreach (var culture in Application.Common.Languages.Supported)
            {
                data.Add(kind, culture.Name);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Letters))]
    public void Each_letter_renders_in_each_language_with_the_customer_and_no_template_left(DunningLetterKind kind, string language)
    {
        var (subject, body) = LetterTemplates.Render(kind, CultureInfo.GetCultureInfo(language), Model);

        Assert.Contains("Acme Trading", subject);
        Assert.DoesNotContain('\n', subject);
        Assert.StartsWith("Acme Trading", body.Split('\n')[0].Trim().Replace("Dear ", "", StringComparison.Ordinal));
        Assert.DoesNotContain("{{", body);
        Assert.DoesNotContain("{%", body);
        if (kind != DunningLetterKind.HoldReleased)
        {
            Assert.Contains("INV-77", body);
            Assert.Contains("2026-03-05", body);
            Assert.Contains("234.50 CNY", body);
            Assert.Contains("1,234.50 CNY", body);
        }
    }

    [Fact]
    public void The_chinese_letters_are_written_in_chinese()
    {
        var zh = CultureInfo.GetCultureInfo("zh-CN");
        Assert.Contains("逾期", LetterTemplates.Render(DunningLetterKind.Reminder, zh, Model).Body);
        Assert.Contains("冻结", LetterTemplates.Render(DunningLetterKind.HoldPlaced, zh, Model).Subject);
        Assert.Contains("Payment reminder", LetterTemplates.Render(DunningLetterKind.Reminder, CultureInfo.GetCultureInfo("en"), Model).Subject);
    }
}
