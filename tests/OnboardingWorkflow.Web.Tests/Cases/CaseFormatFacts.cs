using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using OnboardingWorkflow.Application.Tasks;
using OnboardingWorkflow.Web.Cases;
using OnboardingWorkflow.Web.Localization;

namespace OnboardingWorkflow.Web.Tests.Cases;

/// <summary>The credit library's reasons (warning signs, why a ratio has no value) read in the user's language.</summary>
public sealed class CaseFormatFacts : IDisposable
{
    private readonly CultureInfo _culture = CultureInfo.CurrentCulture;
    private readonly CultureInfo _uiCulture = CultureInfo.CurrentUICulture;
    private readonly ServiceProvider _services = new ServiceCollection().AddLogging().AddLocalization().BuildServiceProvider();

    private IStringLocalizer<CaseText> Text => _services.GetRequiredService<IStringLocalizer<CaseText>>();

    [Fact]
    public void A_reason_with_a_code_is_told_in_chinese_with_the_statement_line_named_as_the_grid_names_it()
    {
        Use("zh-CN");
        var negativeBase = new Explained("negative", ["equity", -200_000.0], "equity is negative (-200000): the ratio has no meaning");
        var slow = new Explained("slowCollection", [50.0, 15.0, 30.0], "collection period 50 days is more than 15 days beyond terms of 30 days");

        Assert.Equal("所有者权益合计为负数（-200,000），该比率没有意义", CaseFormat.Reason(Text, negativeBase));
        Assert.Equal("应收账款回收期 50 天，超出 30 天账期 15 天以上", CaseFormat.Reason(Text, slow));
    }

    [Fact]
    public void A_reason_in_english_names_the_line_by_its_label_and_writes_figures_in_the_culture()
    {
        Use("en");
        var high = new Explained("highCurrentLiabilities", [1.36, 0.8], "current liabilities are 136 % of net worth (above 80 %)");

        Assert.Equal("Cash is missing", CaseFormat.Reason(Text, new Explained("missing", ["cash"], "cash is missing")));
        Assert.Matches(@"^current liabilities are 136\s?% of net worth \(above 80\s?%\)$", CaseFormat.Reason(Text, high));
    }

    [Fact]
    public void A_reason_stored_without_a_code_or_with_an_unknown_one_shows_its_text()
    {
        Use("zh-CN");

        Assert.Equal("revenue fell 20%", CaseFormat.Reason(Text, new Explained(null, [], "revenue fell 20%")));
        Assert.Equal("a new rule fired", CaseFormat.Reason(Text, new Explained("newRule", [], "a new rule fired")));
    }

    public void Dispose()
    {
        CultureInfo.CurrentCulture = _culture;
        CultureInfo.CurrentUICulture = _uiCulture;
        _services.Dispose();
    }

    private static void Use(string name) => CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(name);
}
