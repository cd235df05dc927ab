using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Localization;
using MudBlazor;
using OnboardingWorkflow.Application.Common;
using OnboardingWorkflow.Web.Localization;
using OnboardingWorkflow.Web.Security;

namespace OnboardingWorkflow.Web.Shared;

/// <summary>
/// Base of the dashboard's pages: the signed-in user, the strings, and <see cref="RunAsync"/>, which
/// runs a use case and turns its refusal into a message (and errors at the fields) instead of a
/// broken connection. Only an <see cref="AppException"/>, or what <see cref="Refusals"/> translates to one, is a refusal; anything else is a fault and is
/// logged, and the user sees a short message without details.
/// </summary>
public abstract class DashboardPage : ComponentBase
{
    [Inject] protected DashboardUser Users { get; set; } = default!;

    [Inject] protected IStringLocalizer<Text> T { get; set; } = default!;

    [Inject] protected ISnackbar Snackbar { get; set; } = default!;

    [Inject] protected NavigationManager Navigation { get; set; } = default!;

    [Inject] private ILogger<DashboardPage> Logger { get; set; } = default!;

    /// <summary>Errors of the last refused action, by field name (as the use case names them).</summary>
    protected IReadOnlyDictionary<string, string[]> FieldErrors { get; private set; } = new Dictionary<string, string[]>();

    /// <summary>The last refusal's message, shown in the page's alert.</summary>
    protected string? Refusal { get; private set; }

    protected string? ErrorFor(string field) =>
        FieldErrors.FirstOrDefault(e => string.Equals(e.Key, field, StringComparison.OrdinalIgnoreCase)).Value is { Length: > 0 } errors
            ? string.Join(" ", errors)
            : null;

    protected async Task<bool> RunAsync(Func<Task> action, string? success = null)
    {
        FieldErrors = new Dictionary<string, string[]>();
        Refusal = null;
        try
        {
            await action();
            if (success is not null)
            {
                Snackbar.Add(success, Severity.Success);
            }

            return true;
        }
        catch (Exception caught) when (Refusals.Translate(caught) is { } e)
        {
            // The engine's refusals (contract, four-eyes, task ended) are refusals too, not faults.
            FieldErrors = e.FieldErrors ?? new Dictionary<string, string[]>();
            Refusal = Describe(e);
            Snackbar.Add(Refusal, Severity.Warning);
            return false;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Logger.LogError(e, "A dashboard action failed");
            Refusal = T["Error.Unexpected"];
            Snackbar.Add(Refusal, Severity.Error);
            return false;
        }
    }

    /// <summary>The refusal in the user's language: a translated sentence per error code, then the use case's own detail.</summary>
    /// <remarks>In English the use case's message says it all; in Chinese its English detail follows the translated sentence.</remarks>
    protected string Describe(AppException e)
    {
        var title = T[$"Error.{e.Code}"];
        if (title.ResourceNotFound || CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en")
        {
            return e.Message;
        }

        // Field details are written in the user's language (FieldText); the summary around them is not.
        var detail = e.FieldErrors is { Count: > 0 } fields ? string.Join("；", fields.SelectMany(f => f.Value)) : e.Message;
        return $"{title.Value}（{detail}）";
    }
}
