using System.Text;
using OnboardingWorkflow.Engine.Parsing;
using static OnboardingWorkflow.Engine.Tests.Parsing.Validation;

namespace OnboardingWorkflow.Engine.Tests.Parsing;

public sealed class HostileXmlFacts : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("owf-hostile-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void ExternalEntity_IsRefusedWithoutReadingTheFile()
    {
        var document = Fixture("xxe.bpmn");

        var diagnostic = Assert.Single(document.Diagnostics);
        Assert.Equal((DiagnosticCodes.UnsafeXml, 2, 1), (diagnostic.Code, diagnostic.Line, diagnostic.Column));
        Assert.Empty(document.Processes);
        Assert.DoesNotContain("root:", diagnostic.Message);
    }

    [Fact]
    public void ExternalEntityPointingAtALocalFile_NeverBringsItsContentIn()
    {
        var secretFile = Path.Combine(_folder, "secret.txt");
        File.WriteAllText(secretFile, "TOP-SECRET-7f3a");
        var xml = $"""
            <?xml version="1.0"?>
            <!DOCTYPE definitions [ <!ENTITY secret SYSTEM "{new Uri(secretFile).AbsoluteUri}"> ]>
            <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="defs" targetNamespace="x">
              <process id="p" name="&secret;" isExecutable="true"><startEvent id="s" name="&secret;" /></process>
            </definitions>
            """;

        var document = BpmnParser.Parse(xml);

        Assert.Equal([DiagnosticCodes.UnsafeXml], Codes(document));
        Assert.DoesNotContain("TOP-SECRET", string.Join("\n", document.Diagnostics.Select(d => d.Message)));
        Assert.Empty(document.Processes);
    }

    [Fact]
    public void ExternalDtd_IsRefused()
    {
        var document = BpmnParser.Parse("""
            <?xml version="1.0"?>
            <!DOCTYPE definitions SYSTEM "http://localhost:1/evil.dtd">
            <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="defs" targetNamespace="x" />
            """);

        Assert.Equal([DiagnosticCodes.UnsafeXml], Codes(document));
    }

    [Fact]
    public void BillionLaughs_IsRefusedQuickly()
    {
        var started = DateTime.UtcNow;

        var document = Fixture("billion-laughs.bpmn");

        var diagnostic = Assert.Single(document.Diagnostics);
        Assert.Equal((DiagnosticCodes.UnsafeXml, 2, 1), (diagnostic.Code, diagnostic.Line, diagnostic.Column));
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(5), "entity expansion was attempted");
    }

    [Fact]
    public void UndeclaredEntityWithoutDtd_IsMalformedNotHostile()
    {
        var document = Process("""<startEvent id="start" name="Tom & Jerry" />""");

        var diagnostic = Assert.Single(document.Diagnostics);
        Assert.Equal((DiagnosticCodes.MalformedXml, 3), (diagnostic.Code, diagnostic.Line));
    }

    [Fact]
    public void TextOverTheSizeLimit_IsRefusedBeforeParsing()
    {
        var xml = BuildOversizedBpmn();

        var document = BpmnParser.Parse(xml);

        var diagnostic = Assert.Single(document.Diagnostics);
        Assert.Equal((DiagnosticCodes.TooLarge, 1, 1), (diagnostic.Code, diagnostic.Line, diagnostic.Column));
        Assert.Empty(document.Processes);
    }

    [Fact]
    public void FileOverTheSizeLimit_IsRefusedWhenParsedFromDisk()
    {
        var path = Path.Combine(_folder, "huge.bpmn");
        File.WriteAllText(path, BuildOversizedBpmn());
        Assert.True(new FileInfo(path).Length > 8 * 1024 * 1024);

        var document = BpmnParser.ParseFile(path);

        Assert.Equal([DiagnosticCodes.TooLarge], Codes(document));
    }

    [Fact]
    public void TextJustUnderTheSizeLimit_IsParsed()
    {
        var xml = BuildOversizedBpmn();
        var padding = xml.Length - BpmnParser.MaxCharacters;
        var comment = xml.IndexOf("<!--", StringComparison.Ordinal) + 4;
        var fitting = xml.Remove(comment, padding);

        var document = BpmnParser.Parse(fitting);

        Assert.Equal(BpmnParser.MaxCharacters, fitting.Length);
        Assert.True(document.Diagnostics.Count == 0, Describe(document));
    }

    [Fact]
    public void UnclosedTag_IsMalformedXmlAtTheLineTheReaderStopped()
    {
        var document = Fixture("unclosed-tag.bpmn");

        var diagnostic = Assert.Single(document.Diagnostics);
        Assert.Equal((DiagnosticCodes.MalformedXml, 7), (diagnostic.Code, diagnostic.Line));
        Assert.Contains("startEvent", diagnostic.Message);
        Assert.Contains("line 4", diagnostic.Message);
    }

    [Theory]
    [InlineData("not-bpmn.bpmn", "svg")]
    [InlineData("definitions-without-namespace.bpmn", "definitions")]
    public void RootThatIsNotBpmnDefinitions_IsReported(string file, string rootName)
    {
        var document = Fixture(file);

        var diagnostic = Assert.Single(document.Diagnostics);
        Assert.Equal((DiagnosticCodes.NotBpmn, 2, 2), (diagnostic.Code, diagnostic.Line, diagnostic.Column));
        Assert.Contains($"<{rootName}>", diagnostic.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \n\t\n")]
    public void EmptyText_IsMalformedXml(string text)
    {
        var document = BpmnParser.Parse(text);

        var diagnostic = Assert.Single(document.Diagnostics);
        Assert.Equal((DiagnosticCodes.MalformedXml, true), (diagnostic.Code, diagnostic.Line >= 1));
    }

    [Fact]
    public void EmptyFile_IsMalformedXml()
    {
        var document = Fixture("empty.bpmn");

        var diagnostic = Assert.Single(document.Diagnostics);
        Assert.Equal((DiagnosticCodes.MalformedXml, 1, 1), (diagnostic.Code, diagnostic.Line, diagnostic.Column));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void BinaryGarbage_IsMalformedXml(int seed)
    {
        var bytes = new byte[4096];
        new Random(seed).NextBytes(bytes);
        var path = Path.Combine(_folder, $"garbage-{seed}.bpmn");
        File.WriteAllBytes(path, bytes);

        var document = BpmnParser.ParseFile(path);

        var diagnostic = Assert.Single(document.Diagnostics);
        Assert.Equal(DiagnosticCodes.MalformedXml, diagnostic.Code);
        Assert.True(diagnostic.Line >= 1 && diagnostic.Column >= 1);
    }

    [Fact]
    public void GarbageAfterAValidDocument_IsMalformedXml()
    {
        var document = BpmnParser.Parse("""<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" />""" + "\u0000\u0001PK\u0003\u0004");

        Assert.Equal([DiagnosticCodes.MalformedXml], Codes(document));
    }

    [Fact]
    public void SubProcessesNestedBeyondTheLimit_AreRefusedWithoutExhaustingTheStack()
    {
        const int depth = 50_000;
        var body = new StringBuilder("""<startEvent id="start" /><sequenceFlow id="toS0" sourceRef="start" targetRef="s0" />""");
        for (var i = 0; i < depth; i++)
        {
            body.Append($"""<subProcess id="s{i}">""");
        }

        body.Insert(body.Length, "</subProcess>", depth);

        var document = Process(body.ToString());

        var refused = Single(document, DiagnosticCodes.UnsafeXml);
        Assert.Equal($"s{BpmnParser.MaxScopeDepth}", refused.ElementId);
        Assert.True(document.HasErrors);
    }

    /// <summary>A valid one-task process padded with a comment to just over the size limit.</summary>
    private static string BuildOversizedBpmn()
    {
        const string head = """
            <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="defs" targetNamespace="x">
              <process id="big" isExecutable="true">
                <startEvent id="start" />
                <sequenceFlow id="toEnd" sourceRef="start" targetRef="end" />
                <endEvent id="end" />
              </process>
              <!--
            """;
        const string tail = "-->\n</definitions>\n";
        return head + new string('x', BpmnParser.MaxCharacters + 1 - head.Length - tail.Length) + tail;
    }
}
