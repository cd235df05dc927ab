using MudBlazor;

namespace OnboardingWorkflow.Web.Layout;

/// <summary>The dashboard's theme: system fonts (no web font downloads) with CJK fallbacks for Chinese, and readable status colours.</summary>
public static class DashboardTheme
{
    public static readonly MudTheme Theme = new()
    {
        // Status and accent colours dark enough for white text and for text on white (WCAG AA, 4.5:1):
        // snackbars, chips and outlined buttons carry messages.
        PaletteLight = new PaletteLight
        {
            Secondary = "#ad1457",
            Success = "#2e7d32",
            Warning = "#a85400",
            Error = "#c62828",
            Info = "#1565c0",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography
            {
                FontFamily = ["system-ui", "Segoe UI", "Noto Sans", "Noto Sans CJK SC", "Microsoft YaHei", "sans-serif"],
            },
        },
    };
}
