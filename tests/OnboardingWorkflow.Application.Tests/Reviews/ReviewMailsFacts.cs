using System.Globalization;
using OnboardingWorkflow.Application.Reviews;

namespace OnboardingWorkflow.Application.Tests.Reviews;

/// <summary>Every e-mail of a periodic review renders in every language the product speaks, with the customer, the dates and the standing.</summary>
public sealed class ReviewMailsFacts
{
    private static readonly ReviewMailModel Model = new("Acme Trading", "91310000MA1FL00001", "2026-04-01", "BBB", "Medium", "250,000.00", 45, "2026-04-15",
        "sally@owf.test");

    public static TheoryData<ReviewMailKind, string> Mails()
    {
        var data = new TheoryData<ReviewMailKind, string>();
        foreach (var kind in Enum.GetValues<ReviewMailKind>())
        {
            foreach (var culture in Application.Common.Languages.Supported)
            {
                data.Add(kind, culture.Name);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Mails))]
    public void Each_mail_renders_in_each_language_with_the_customer_the_dates_and_no_template_left(ReviewMailKind kind, string language)
    {
        var (subject, body) = ReviewMails.Render(kind, CultureInfo.GetCultureInfo(language), Model);

        Assert.Contains("Acme Trading", subject);
        Assert.Contains("2026-04-15", subject);
        Assert.DoesNotContain('\n', subject);
        Assert.Contains("91310000MA1FL00001", body);
        Assert.Contains("2026-04-01", body);
        Assert.DoesNotContain("{{", body);
        Assert.DoesNotContain("{%", body);
        if (kind == ReviewMailKind.Request)
        {
            Assert.Contains("250,000.00", body);
            Assert.Contains("45", body);
        }
    }

    [Fact]
    public void The_chinese_mails_are_written_in_chinese()
    {
        var (request, _) = ReviewMails.Render(ReviewMailKind.Request, CultureInfo.GetCultureInfo("zh-CN"), Model);
        var (reminder, _) = ReviewMails.Render(ReviewMailKind.Reminder, CultureInfo.GetCultureInfo("zh-CN"), Model);

        Assert.Contains("信用复审", request);
        Assert.StartsWith("提醒", reminder);
    }
}
