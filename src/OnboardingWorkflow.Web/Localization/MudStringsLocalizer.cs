using Microsoft.Extensions.Localization;
using MudBlazor;

namespace OnboardingWorkflow.Web.Localization;

/// <summary>
/// MudBlazor's own strings (pager, pickers, data grid) in the user's language: keys such as
/// <c>MudDataGridPager_RowsPerPage</c> are looked up in <c>MudStrings.zh-CN.resx</c>; anything not
/// translated there (and every English string) falls back to MudBlazor's built-in text.
/// </summary>
internal sealed class MudStringsLocalizer(IStringLocalizer<MudStrings> localizer) : MudLocalizer
{
    public override LocalizedString this[string key]
    {
        get
        {
            var text = localizer[key];
            return text.ResourceNotFound ? new LocalizedString(key, key, resourceNotFound: true) : text;
        }
    }
}

/// <summary>The resource type of MudBlazor's translated strings.</summary>
public sealed class MudStrings;
