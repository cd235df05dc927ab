using System.Text.RegularExpressions;
using System.Xml.Linq;
using OnboardingWorkflow.Engine.Parsing;
using OnboardingWorkflow.Engine.Tests.Support;

namespace OnboardingWorkflow.Engine.Tests.Parsing;

/// <summary>
/// Feeds the parser hundreds of damaged variants of valid files (seeded, so a failure
/// reproduces) and checks it always answers with well-formed diagnostics instead of throwing.
/// </summary>
public sealed partial class BpmnParserRobustnessFacts
{
    private const int VariantsPerFile = 300;

    private static readonly string[] Junk =
    [
        "<", ">", "&", "&amp;", "]]>", "<![CDATA[", "<!--", "\"", "'", "${", "}", "#{", "\0", "\uFFFF", "\uD800",
        "<!DOCTYPE x [<!ENTITY e \"e\">]>", "<bpmn:task id=\"Junk\">", "</bpmn:process>", "<?pi?>", "\u00e9\u4e2d",
        "<complexGateway id=\"cx\"/>", "<sequenceFlow id=\"sf\" sourceRef=\"nowhere\" targetRef=\"StartEvent_1\"/>",
    ];

    private static readonly string[] HostileValues =
    [
        "", " ", "${", "${}", "${a +}", "R0/PT1H", "PTXH", "P99999999999D", "R/P1000Y", "#{x", "${(((((}", "nowhere",
        "true", "false", "-1", "1e400", "${1); y(}", new string('(', 5000), "Flow_Reject", "StartEvent_1", "\u0001",
    ];

    public static TheoryData<string> Files => new() { "validation/camunda-modeler.bpmn", "validation/gateway-complementary.bpmn", "validation/expression-errors.bpmn" };

    [Theory]
    [MemberData(nameof(Files))]
    public void MutatedFiles_NeverThrowAndEveryDiagnosticIsComplete(string file)
    {
        var original = TestFiles.ReadBpmn(file);
        var random = new Random(20260301);
        var withDiagnostics = 0;
        var codes = new HashSet<string>(StringComparer.Ordinal);

        for (var variant = 0; variant < VariantsPerFile; variant++)
        {
            var (mutation, text) = Mutate(original, random);
            BpmnDocument document;
            try
            {
                document = BpmnParser.Parse(text);
            }
            catch (Exception ex)
            {
                Assert.Fail($"variant {variant} ({mutation}) of {file} threw {ex.GetType().Name}: {ex.Message}\n{text}");
                throw;
            }

            foreach (var diagnostic in document.Diagnostics)
            {
                Assert.True(CodePattern().IsMatch(diagnostic.Code), $"variant {variant} ({mutation}): bad code '{diagnostic.Code}'");
                Assert.True(diagnostic.Line >= 1 && diagnostic.Column >= 1, $"variant {variant} ({mutation}): no position in {diagnostic.Format(file)}");
                Assert.False(string.IsNullOrWhiteSpace(diagnostic.Message), $"variant {variant} ({mutation}): empty message for {diagnostic.Code}");
                codes.Add(diagnostic.Code);
            }

            withDiagnostics += document.Diagnostics.Count > 0 ? 1 : 0;
        }

        // The mutations must actually damage the files, or the loop above proves nothing.
        Assert.True(withDiagnostics > VariantsPerFile / 2, $"only {withDiagnostics} of {VariantsPerFile} variants produced a diagnostic");
        Assert.True(codes.Count >= 6, $"only these codes were seen: {string.Join(", ", codes)}");
    }

    private static (string Mutation, string Text) Mutate(string original, Random random)
    {
        var kind = random.Next(7);
        return kind switch
        {
            0 => ("truncate", original[..random.Next(original.Length)]),
            1 => ("inject junk", Inject(original, random)),
            2 => ("drop attribute", OnTree(original, random, DropAttribute)),
            3 => ("drop element", OnTree(original, random, DropElement)),
            4 => ("swap ids", OnTree(original, random, SwapIds)),
            5 => ("hostile value", OnTree(original, random, HostileValue)),
            _ => ("several", OnTree(Inject(OnTree(original, random, DropElement), random), random, HostileValue)),
        };
    }

    private static string Inject(string text, Random random)
    {
        for (var i = random.Next(1, 4); i > 0; i--)
        {
            text = text.Insert(random.Next(text.Length + 1), Junk[random.Next(Junk.Length)]);
        }

        return text;
    }

    /// <summary>Applies a change to the XML tree when the text still parses; otherwise returns it unchanged.</summary>
    private static string OnTree(string text, Random random, Action<XElement[], Random> change)
    {
        XDocument document;
        try
        {
            document = XDocument.Parse(text, LoadOptions.PreserveWhitespace);
        }
        catch (System.Xml.XmlException)
        {
            return text;
        }

        var elements = document.Root!.DescendantsAndSelf().ToArray();
        for (var i = random.Next(1, 4); i > 0; i--)
        {
            change(elements, random);
        }

        return document.ToString();
    }

    private static void DropAttribute(XElement[] elements, Random random)
    {
        var attributes = elements.SelectMany(e => e.Attributes()).Where(a => !a.IsNamespaceDeclaration && a.Parent is not null).ToArray();
        if (attributes.Length > 0)
        {
            attributes[random.Next(attributes.Length)].Remove();
        }
    }

    private static void DropElement(XElement[] elements, Random random)
    {
        var candidates = elements.Where(e => e.Parent is not null && e.Document is not null).ToArray();
        if (candidates.Length > 0)
        {
            candidates[random.Next(candidates.Length)].Remove();
        }
    }

    private static void SwapIds(XElement[] elements, Random random)
    {
        var withIds = elements.Where(e => e.Attribute("id") is not null).ToArray();
        if (withIds.Length >= 2)
        {
            var a = withIds[random.Next(withIds.Length)];
            var b = withIds[random.Next(withIds.Length)];
            (a.Attribute("id")!.Value, b.Attribute("id")!.Value) = (b.Attribute("id")!.Value, a.Attribute("id")!.Value);
        }
    }

    private static void HostileValue(XElement[] elements, Random random)
    {
        var value = HostileValues[random.Next(HostileValues.Length)].Replace("\u0001", string.Empty);
        var element = elements[random.Next(elements.Length)];
        var attributes = element.Attributes().Where(a => !a.IsNamespaceDeclaration).ToArray();
        if (attributes.Length > 0 && random.Next(2) == 0)
        {
            attributes[random.Next(attributes.Length)].Value = value;
        }
        else if (!element.HasElements)
        {
            element.Value = value;
        }
    }

    [GeneratedRegex(@"^BPMN\d{3}$")]
    private static partial Regex CodePattern();
}
