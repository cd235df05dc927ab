using System.Globalization;
using OnboardingWorkflow.Application.Onboarding;

namespace OnboardingWorkflow.Application.Receivables;

/// <summary>Amounts as the ledger keeps them: whole hundredths (minor units) in 64-bit integers.</summary>
public static class Money
{
    public const int Decimals = 2;

    public static long ToMinor(decimal amount) => decimal.ToInt64(amount * 100m);

    public static decimal FromMinor(long minor) => minor / 100m;

    public static string Format(long minor) => FromMinor(minor).ToString("0.00", CultureInfo.InvariantCulture);

    /// <summary>
    /// Checks an amount the ledger can keep: above zero, at most <see cref="Decimals"/> decimals, at
    /// most <see cref="ApplicationSubmission.MaxAmount"/>. <paramref name="hint"/> says what to send instead of a negative one.
    /// </summary>
    public static bool Check(InputRules rules, string field, decimal amount, string? hint = null)
    {
        var shown = amount.ToString(CultureInfo.InvariantCulture);
        if (amount <= 0)
        {
            rules.Add(field, $"must be above 0, not {shown}{hint}");
        }
        else if (amount != decimal.Round(amount, Decimals))
        {
            rules.Add(field, $"must have at most {Decimals} decimals, not {shown}");
        }
        else if (amount > ApplicationSubmission.MaxAmount)
        {
            rules.Add(field, $"must be at most {ApplicationSubmission.MaxAmount.ToString(CultureInfo.InvariantCulture)}");
        }
        else
        {
            return true;
        }

        return false;
    }
}
