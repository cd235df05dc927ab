using System.Text.RegularExpressions;

namespace OnboardingWorkflow.Web.Tests.Infrastructure;

/// <summary>Where browser tests leave files for people to look at: under .test-output/ at the repository root.</summary>
public static partial class TestOutput
{
    /// <summary>Screenshots and console errors of failed browser tests.</summary>
    public static string Failures => Folder("browser");

    /// <summary>Screenshots tests take on purpose (<see cref="Screenshots.SaveScreenshotAsync"/>).</summary>
    public static string Screenshots => Folder("screenshots");

    /// <summary>A file name made of <paramref name="name"/>: anything but letters, digits, dot, dash and underscore becomes a dash.</summary>
    public static string FileName(string name, string extension)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return UnsafeCharacters().Replace(name.Trim(), "-") + extension;
    }

    private static string Folder(string name)
    {
        var folder = RepositoryRoot.Combine(".test-output", name);
        Directory.CreateDirectory(folder);
        return folder;
    }

    [GeneratedRegex(@"[^A-Za-z0-9._-]+")]
    private static partial Regex UnsafeCharacters();
}
