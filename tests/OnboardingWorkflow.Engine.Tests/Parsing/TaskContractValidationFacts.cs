using OnboardingWorkflow.Engine.Model;
using OnboardingWorkflow.Engine.Parsing;
using static OnboardingWorkflow.Engine.Tests.Parsing.Validation;

namespace OnboardingWorkflow.Engine.Tests.Parsing;

public sealed class TaskContractValidationFacts
{
    [Theory]
    [InlineData(DiagnosticCodes.UnknownFieldType, 9, 12, "money")]
    [InlineData(DiagnosticCodes.EnumWithoutValues, 10, 12, "grade")]
    [InlineData(DiagnosticCodes.DuplicateField, 12, 12, "note")]
    [InlineData(DiagnosticCodes.DuplicateEnumValue, 15, 14, "'a'")]
    [InlineData(DiagnosticCodes.UnknownConstraint, 19, 16, "pattern")]
    [InlineData(DiagnosticCodes.ConstraintNotApplicable, 20, 16, "minlength")]
    [InlineData(DiagnosticCodes.InvalidConstraintConfig, 21, 16, "abc")]
    [InlineData(DiagnosticCodes.InvertedRange, 26, 16, "2026-12-31")]
    [InlineData(DiagnosticCodes.InvalidFieldId, 30, 12, "2nd-name")]
    public void BadContract_EachProblemIsReportedOnItsLineWithTheTaskId(string code, int line, int column, string mentioned)
    {
        var document = Fixture("bad-contract.bpmn");

        var diagnostic = Single(document, code);

        At(diagnostic, line, column, "review");
        Assert.Equal(Severity.Error, diagnostic.Severity);
        Assert.Contains(mentioned, diagnostic.Message);
    }

    [Fact]
    public void UserTaskWithoutFormData_IsAWarningNamingTheTask()
    {
        var document = Fixture("bad-contract.bpmn");

        var diagnostic = Single(document, DiagnosticCodes.MissingContract);

        At(diagnostic, 35, 6, "plain");
        Assert.Equal(Severity.Warning, diagnostic.Severity);
        Assert.Contains("'plain'", diagnostic.Message);
    }

    [Theory]
    [InlineData("<camunda:formField id=\"ok\" type=\"boolean\"><camunda:validation><camunda:constraint name=\"min\" config=\"1\" /></camunda:validation></camunda:formField>", DiagnosticCodes.ConstraintNotApplicable)]
    [InlineData("<camunda:formField id=\"ok\" type=\"enum\"><camunda:value id=\"x\" /><camunda:validation><camunda:constraint name=\"maxlength\" config=\"1\" /></camunda:validation></camunda:formField>", DiagnosticCodes.ConstraintNotApplicable)]
    [InlineData("<camunda:formField id=\"ok\" type=\"date\"><camunda:validation><camunda:constraint name=\"min\" config=\"31.12.2026\" /></camunda:validation></camunda:formField>", DiagnosticCodes.InvalidConstraintConfig)]
    [InlineData("<camunda:formField id=\"ok\" type=\"date\"><camunda:validation><camunda:constraint name=\"max\" config=\"2026-02-30\" /></camunda:validation></camunda:formField>", DiagnosticCodes.InvalidConstraintConfig)]
    [InlineData("<camunda:formField id=\"ok\" type=\"long\"><camunda:validation><camunda:constraint name=\"max\" config=\"1.5\" /></camunda:validation></camunda:formField>", DiagnosticCodes.InvalidConstraintConfig)]
    [InlineData("<camunda:formField id=\"ok\" type=\"string\"><camunda:validation><camunda:constraint name=\"maxlength\" config=\"-1\" /></camunda:validation></camunda:formField>", DiagnosticCodes.InvalidConstraintConfig)]
    [InlineData("<camunda:formField id=\"ok\" type=\"string\"><camunda:validation><camunda:constraint name=\"minlength\" config=\"5\" /><camunda:constraint name=\"maxlength\" config=\"4\" /></camunda:validation></camunda:formField>", DiagnosticCodes.InvertedRange)]
    [InlineData("<camunda:formField id=\"ok\" type=\"decimal\"><camunda:validation><camunda:constraint name=\"min\" config=\"10.5\" /><camunda:constraint name=\"max\" config=\"10.25\" /></camunda:validation></camunda:formField>", DiagnosticCodes.InvertedRange)]
    [InlineData("<camunda:formField id=\"class\" type=\"string\" />", DiagnosticCodes.InvalidFieldId)]
    public void ContractProblem_IsReportedWithItsCode(string field, string code)
    {
        var document = Process(Task(field));

        var diagnostic = Single(document, code);

        // On the field or on the constraint at fault, both on line 5.
        Assert.Equal((5, "task"), (diagnostic.Line, diagnostic.ElementId));
        Assert.True(diagnostic.Column >= 2);
    }

    [Fact]
    public void SoundContract_IsParsedIntoTheTaskSpec_WithTypesValuesAndLines()
    {
        var document = Process(Task(
            "<camunda:formField id=\"limit\" label=\"Limit\" type=\"double\" defaultValue=\"0\"><camunda:validation><camunda:constraint name=\"required\" /><camunda:constraint name=\"max\" config=\"1000000\" /></camunda:validation></camunda:formField>\n" +
            "<camunda:formField id=\"tier\" type=\"enum\"><camunda:value id=\"a\" name=\"Analyst\" /><camunda:value id=\"m\" name=\"Manager\" /></camunda:formField>"));

        Assert.Empty(document.Diagnostics);
        var contract = document.Processes[0].Nodes["task"].UserTask!.Contract!;
        Assert.Equal(["limit", "tier"], contract.Fields.Select(f => f.Id));
        var limit = contract.Fields[0];
        Assert.Equal((FormFieldType.Decimal, "Limit", "0", true, false), (limit.Type, limit.Label, limit.DefaultValue, limit.IsRequired, limit.IsReadOnly));
        Assert.Equal("1000000", limit.ConfigOf(FieldRules.Max));
        Assert.Equal(5, limit.Position.Line);
        Assert.Equal(["a", "m"], contract.Fields[1].Values.Select(v => v.Id));
        Assert.Equal(6, contract.Fields[1].Position.Line);
    }

    [Fact]
    public void TaskWithoutFormData_HasNoContract()
    {
        var document = Process("<startEvent id=\"s\" /><sequenceFlow id=\"f\" sourceRef=\"s\" targetRef=\"task\" />\n<userTask id=\"task\" />");

        Assert.Null(document.Processes[0].Nodes["task"].UserTask!.Contract);
        Assert.Equal([DiagnosticCodes.MissingContract], Codes(document));
    }

    [Theory]
    [InlineData("<userTask id=\"task\"><extensionElements><camunda:properties><camunda:property name=\"fourEyes\" value=\"mkaer\" /></camunda:properties><camunda:formData /></extensionElements></userTask>")]
    [InlineData("<userTask id=\"task\"><extensionElements><camunda:properties><camunda:property name=\"fourEyesRound\" value=\"next\" /></camunda:properties><camunda:formData /></extensionElements></userTask>")]
    [InlineData("<serviceTask id=\"task\" camunda:expression=\"${1}\"><extensionElements><camunda:properties><camunda:property name=\"fourEyes\" value=\"true\" /></camunda:properties></extensionElements></serviceTask>")]
    public void MisspeltOrMisplacedFourEyesProperty_IsAnError(string task)
    {
        var document = Process("<startEvent id=\"s\" /><sequenceFlow id=\"f\" sourceRef=\"s\" targetRef=\"task\" />\n" + task);

        var diagnostic = Single(document, DiagnosticCodes.InvalidFourEyes);

        Assert.Equal((Severity.Error, 4, "task"), (diagnostic.Severity, diagnostic.Line, diagnostic.ElementId));
    }

    [Theory]
    [InlineData("true")]
    [InlineData("maker")]
    [InlineData("false")]
    public void KnownFourEyesValues_AreAccepted(string value)
    {
        var document = Process("<startEvent id=\"s\" /><sequenceFlow id=\"f\" sourceRef=\"s\" targetRef=\"task\" />\n" +
            $"<userTask id=\"task\"><extensionElements><camunda:properties><camunda:property name=\"fourEyes\" value=\"{value}\" /><camunda:property name=\"fourEyesRound\" value=\"new\" /></camunda:properties><camunda:formData /></extensionElements></userTask>");

        Assert.DoesNotContain(document.Diagnostics, d => d.Code == DiagnosticCodes.InvalidFourEyes);
    }

    /// <summary>A user task whose form fields stand on line 5.</summary>
    private static string Task(string fields) =>
        "<startEvent id=\"s\" /><sequenceFlow id=\"f\" sourceRef=\"s\" targetRef=\"task\" />\n" +
        "<userTask id=\"task\"><extensionElements><camunda:formData>\n" +
        fields + "\n" +
        "</camunda:formData></extensionElements></userTask>";
}
