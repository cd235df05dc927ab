using System.Globalization;
using System.Resources;
using OnboardingWorkflow.Web.Localization;

namespace OnboardingWorkflow.Web.Tests.Infrastructure;

/// <summary>
/// The dashboard's own words in one language, read from its resources, so one browser test finds
/// the same buttons and labels in English and in Chinese. A key the resources lack fails the test
/// at once (a typo must not silently look for an English fallback).
/// </summary>
public sealed class Ui(string locale)
{
    private static readonly ResourceManager Shared = new(typeof(Text));
    private static readonly ResourceManager Cases = new(typeof(CaseText));
    private static readonly ResourceManager Tasks = new(typeof(TaskText));
    private static readonly ResourceManager Inbox = new(typeof(InboxText));
    private static readonly ResourceManager Operations = new(typeof(OpsText));
    private static readonly ResourceManager Designs = new(typeof(DesignText));
    private static readonly ResourceManager Credits = new(typeof(CreditText));
    private static readonly ResourceManager Watches = new(typeof(WatchText));

    public static Ui English { get; } = new(BrowserFixture.English);

    public static Ui Chinese { get; } = new(BrowserFixture.Chinese);

    /// <summary>The browser locale (navigator.language, Accept-Language).</summary>
    public string Locale { get; } = locale;

    /// <summary>The culture the dashboard formats numbers and dates in for this locale.</summary>
    public CultureInfo Culture { get; } = locale == BrowserFixture.Chinese ? new CultureInfo("zh-CN") : new CultureInfo("en");

    public bool IsChinese => Locale == BrowserFixture.Chinese;

    /// <summary>A shared string (navigation, sign-in, errors).</summary>
    public string Text(string key, params object[] arguments) => Read(Shared, key, arguments);

    /// <summary>A string of the application, customer and document pages.</summary>
    public string Case(string key, params object[] arguments) => Read(Cases, key, arguments);

    /// <summary>A string of the task page and its form.</summary>
    public string Task(string key, params object[] arguments) => Read(Tasks, key, arguments);

    /// <summary>A string of the task inbox.</summary>
    public string InboxText(string key, params object[] arguments) => Read(Inbox, key, arguments);

    /// <summary>A string of the instances, reports and administration pages.</summary>
    public string Ops(string key, params object[] arguments) => Read(Operations, key, arguments);

    /// <summary>A string of the approval-flow pages (flows, designer, versions, diff, migration).</summary>
    public string Design(string key, params object[] arguments) => Read(Designs, key, arguments);

    /// <summary>A string of the receivables, credit hold, escalation and upload pages.</summary>
    public string Credit(string key, params object[] arguments) => Read(Credits, key, arguments);

    /// <summary>A string of the early-warning alert and credit review pages.</summary>
    public string Watch(string key, params object[] arguments) => Read(Watches, key, arguments);

    /// <summary>An amount as the dashboard shows it (two decimals, grouped by the culture).</summary>
    public string Amount(decimal value) => value.ToString("N2", Culture);

    /// <summary>A date as typed into a date field of this culture.</summary>
    public string Date(DateOnly value) => value.ToString("d", Culture);

    private string Read(ResourceManager resources, string key, object[] arguments)
    {
        var text = resources.GetString(key, Culture) ?? throw new KeyNotFoundException($"The dashboard has no text {key} in {Culture.Name}.");
        return arguments.Length == 0 ? text : string.Format(Culture, text, arguments);
    }
}
