using System.Text;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;

namespace OnboardingWorkflow.Web.Tests.Infrastructure;

/// <summary>axe-core checks of what a page shows now.</summary>
public static class Accessibility
{
    private static readonly string[] Blocking = ["serious", "critical"];

    /// <summary>A page-wide contrast problem hits dozens of elements; the first few say enough.</summary>
    private const int NodesPerRule = 10;

    /// <summary>Waits for every animation that ends (not spinners) to end.</summary>
    private const string MessagesOpaque =
        "() => [...document.querySelectorAll('.mud-snackbar')].every(e => getComputedStyle(e).opacity === '1')";

    private const string FinishAnimations =
        "() => Promise.all(document.getAnimations().filter(a => a.effect?.getComputedTiming().iterations !== Infinity).map(a => a.finished.catch(() => null)))";

    /// <summary>
    /// Runs axe on the page (or on <paramref name="within"/> only) and fails listing every
    /// serious or critical violation: its rule id, what it asks for, and each offending element.
    /// Minor and moderate findings do not fail the test.
    /// </summary>
    public static async Task AssertAccessibleAsync(this IPage page, ILocator? within = null)
    {
        // Colours are judged as they end up: a message fading in is half transparent for a moment.
        await page.EvaluateAsync(FinishAnimations);
        await page.WaitForFunctionAsync(MessagesOpaque);
        var result = within is null ? await page.RunAxe() : await within.RunAxe();
        var violations = result.Violations.Where(v => Blocking.Contains(v.Impact)).ToList();
        if (violations.Count > 0)
        {
            Assert.Fail(Describe(page.Url, violations));
        }
    }

    private static string Describe(string url, IReadOnlyList<AxeResultItem> violations)
    {
        var text = new StringBuilder($"{violations.Count} serious or critical accessibility violation(s) at {url}:");
        foreach (var violation in violations)
        {
            text.Append($"\n- {violation.Id} ({violation.Impact}): {violation.Help} [{violation.HelpUrl}]");
            foreach (var node in violation.Nodes.Take(NodesPerRule))
            {
                text.Append($"\n    at {node.Target}: {node.Html}");
            }

            if (violation.Nodes.Length > NodesPerRule)
            {
                text.Append($"\n    and {violation.Nodes.Length - NodesPerRule} more element(s)");
            }
        }

        return text.ToString();
    }
}
