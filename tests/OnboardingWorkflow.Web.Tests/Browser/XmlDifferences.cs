using System.Xml.Linq;

namespace OnboardingWorkflow.Web.Tests.Browser;

/// <summary>One difference between two XML trees: where, which attribute (if any), and what each side has.</summary>
public sealed record XmlDifference(string Path, string? Attribute, string? Before, string? After)
{
    public override string ToString() =>
        $"{Path}{(Attribute is null ? "" : $" @{Attribute}")}: '{Before ?? "(none)"}' -> '{After ?? "(none)"}'";
}

/// <summary>
/// Compares two XML trees as a BPMN tool reads them: elements and attributes by namespace and local
/// name (prefixes and namespace declarations are spelling), attributes in any order, text with its
/// surrounding white space trimmed, child elements matched by id where they have one, else by position
/// among siblings of the same name.
/// </summary>
public static class XmlDifferences
{
    public static IReadOnlyList<XmlDifference> Between(XElement before, XElement after)
    {
        var differences = new List<XmlDifference>();
        Compare(before, after, "/" + before.Name.LocalName, differences);
        return differences;
    }

    private static void Compare(XElement before, XElement after, string path, List<XmlDifference> differences)
    {
        var beforeAttributes = Attributes(before);
        var afterAttributes = Attributes(after);
        foreach (var name in beforeAttributes.Keys.Union(afterAttributes.Keys).Order(StringComparer.Ordinal))
        {
            var was = beforeAttributes.GetValueOrDefault(name);
            var now = afterAttributes.GetValueOrDefault(name);
            if (was != now)
            {
                differences.Add(new XmlDifference(path, name, was, now));
            }
        }

        var wasText = OwnText(before);
        var nowText = OwnText(after);
        if (wasText != nowText)
        {
            differences.Add(new XmlDifference(path, null, wasText, nowText));
        }

        var beforeChildren = Keyed(before);
        var afterChildren = Keyed(after);
        foreach (var key in beforeChildren.Keys.Union(afterChildren.Keys))
        {
            var childPath = $"{path}/{key}";
            switch ((beforeChildren.GetValueOrDefault(key), afterChildren.GetValueOrDefault(key)))
            {
                case ({ } was, { } now):
                    Compare(was, now, childPath, differences);
                    break;
                case ({ }, null):
                    differences.Add(new XmlDifference(childPath, null, "element", null));
                    break;
                case (null, { }):
                    differences.Add(new XmlDifference(childPath, null, null, "element"));
                    break;
            }
        }
    }

    private static Dictionary<string, string> Attributes(XElement element) =>
        element.Attributes()
            .Where(a => !a.IsNamespaceDeclaration)
            .ToDictionary(a => a.Name.NamespaceName.Length == 0 ? a.Name.LocalName : a.Name.ToString(), a => a.Value, StringComparer.Ordinal);

    private static string? OwnText(XElement element)
    {
        var text = string.Concat(element.Nodes().OfType<XText>().Select(t => t.Value)).Trim();
        return text.Length == 0 ? null : text;
    }

    /// <summary>Children by a key that survives reordering: name and id, or name and position among same-named siblings.</summary>
    private static Dictionary<string, XElement> Keyed(XElement element)
    {
        var keyed = new Dictionary<string, XElement>(StringComparer.Ordinal);
        foreach (var group in element.Elements().GroupBy(e => e.Name))
        {
            var position = 0;
            foreach (var child in group)
            {
                position++;
                var name = child.Name.Namespace == element.Name.Namespace ? child.Name.LocalName : child.Name.ToString();
                var key = child.Attribute("id") is { } id ? $"{name}[@id='{id.Value}']" : $"{name}[{position}]";
                keyed[keyed.ContainsKey(key) ? $"{key}#{position}" : key] = child;
            }
        }

        return keyed;
    }
}
