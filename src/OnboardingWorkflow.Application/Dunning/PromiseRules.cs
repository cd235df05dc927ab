using System.Globalization;

namespace OnboardingWorkflow.Application.Dunning;

/// <summary>The one rule of a promise to pay, for the API and the follow-up tasks' forms: a day from today up to the configured maximum ahead.</summary>
public static class PromiseRules
{
    public static void Check(InputRules rules, string field, DateOnly? day, DateOnly today, int maxDays)
    {
        if (day is null)
        {
            rules.Add(field, "is required: the day the customer promised to pay by (yyyy-MM-dd)");
            return;
        }

        rules.DateWithin(field, day, today, today.AddDays(maxDays), "the promised payment day");
    }

    /// <summary>A promised day as forms and messages carry it (yyyy-MM-dd), or null.</summary>
    public static DateOnly? Parse(string? text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : null;

    /// <summary>The promise holds through its whole day (UTC); escalation resumes after it.</summary>
    public static DateTimeOffset EndOf(DateOnly day) => new(day.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
}
