using MudBlazor;

namespace OnboardingWorkflow.Web.Layout;

/// <summary>The dashboard's theme: system fonts (no web font downloads) with CJK fallbacks for Chinese.</summary>
public static class DashboardTheme
{
    public static readonly MudTheme Theme = new()
    {
        Typography = new Typography
        {
            Default = new DefaultTypography
            {
                FontFamily = ["system-ui", "Segoe UI", "Noto Sans", "Noto Sans CJK SC", "Microsoft YaHei", "sans-serif"],
            },
        },
    };
}
