using System.Text.RegularExpressions;
using System.Xml.Linq;
using OnboardingWorkflow.Testing;

namespace OnboardingWorkflow.Web.Tests.Localization;

/// <summary>
/// Every string of the dashboard exists in English and Chinese: each resource file has a Chinese twin
/// with the same keys, no value is empty, and every key a page asks for literally (<c>T["Key"]</c>)
/// exists in the resources of that page's localizer.
/// </summary>
public sealed partial class ResourceFacts
{
    private static readonly string WebProject = RepositoryRoot.Combine("src", "OnboardingWorkflow.Web");

    public static TheoryData<string> ResourceFiles()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(Path.Combine(WebProject, "Localization"), "*.resx").Where(f => !f.EndsWith(".zh-CN.resx", StringComparison.Ordinal)).Order())
        {
            data.Add(Path.GetFileNameWithoutExtension(file));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ResourceFiles))]
    public void Chinese_resources_have_the_same_keys_and_no_empty_value(string name)
    {
        var english = Read(Path.Combine(WebProject, "Localization", name + ".resx"));
        var chinese = Read(Path.Combine(WebProject, "Localization", name + ".zh-CN.resx"));

        Assert.Empty(english.Keys.Except(chinese.Keys).Order());
        Assert.Empty(chinese.Keys.Except(english.Keys).Order());
        Assert.Empty(english.Concat(chinese).Where(e => string.IsNullOrWhiteSpace(e.Value)).Select(e => e.Key));
        // A Chinese text that is still the English one was forgotten (names and codes excepted: they have no letters to translate).
        Assert.Empty(chinese.Where(e => english[e.Key] == e.Value && e.Value.Any(char.IsLetter) && e.Value.Length > 3).Select(e => e.Key));
    }

    [Fact]
    public void Every_literal_key_a_component_asks_for_exists()
    {
        var keys = Directory.GetFiles(Path.Combine(WebProject, "Localization"), "*.resx")
            .Where(f => !f.EndsWith(".zh-CN.resx", StringComparison.Ordinal))
            .SelectMany(f => Read(f).Keys)
            .ToHashSet(StringComparer.Ordinal);
        var missing = Directory.GetFiles(WebProject, "*.razor", SearchOption.AllDirectories)
            .Concat(Directory.GetFiles(WebProject, "*.cs", SearchOption.AllDirectories))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f => LiteralKey().Matches(File.ReadAllText(f)).Select(m => (File: Path.GetFileName(f), Key: m.Groups[1].Value)))
            .Where(k => !keys.Contains(k.Key))
            .Select(k => $"{k.File}: {k.Key}")
            .ToList();

        Assert.Empty(missing);
    }

    private static Dictionary<string, string> Read(string path) =>
        XDocument.Load(path).Root!.Elements("data").ToDictionary(d => (string)d.Attribute("name")!, d => (string?)d.Element("value") ?? "");

    [GeneratedRegex("""\b[A-Z]\w*\["([A-Za-z][\w.]*)"\]""")]
    private static partial Regex LiteralKey();
}
