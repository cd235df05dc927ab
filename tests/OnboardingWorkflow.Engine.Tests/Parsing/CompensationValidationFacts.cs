using OnboardingWorkflow.Engine.Model;
using OnboardingWorkflow.Engine.Parsing;
using static OnboardingWorkflow.Engine.Tests.Parsing.Validation;

namespace OnboardingWorkflow.Engine.Tests.Parsing;

public sealed class CompensationValidationFacts
{
    private static IReadOnlyList<(string? Id, int Line, Severity Severity)> Found(BpmnDocument document, string code) =>
        document.Diagnostics.Where(d => d.Code == code).Select(d => (d.ElementId, d.Line, d.Severity)).ToList();

    [Fact]
    public void CompensationAndTransactionModels_Validate_AndLinkEachActivityToItsHandler()
    {
        var compensation = Fixture("../runtime/compensation.bpmn");
        var transactions = Fixture("../runtime/transactions.bpmn");

        Assert.True(compensation.Diagnostics.All(d => d.Code == DiagnosticCodes.MissingContract), Describe(compensation));
        Assert.True(transactions.Diagnostics.All(d => d.Code == DiagnosticCodes.MissingContract), Describe(transactions));
        var trip = compensation.Processes.Single(p => p.Key == "compensateAll");
        Assert.Equal("undoHotel", trip.Nodes["bookHotel"].CompensationHandler!.Id);
        Assert.Null(trip.Nodes["decide"].CompensationHandler);
        var pay = transactions.Processes.Single().Nodes["pay"];
        Assert.Equal((ElementKind.SubProcess, true, "transaction"), (pay.Kind, pay.IsTransaction, pay.TypeName));
        Assert.False(compensation.Processes.Single(p => p.Key == "throwGoesOn").Nodes["undo5"].WaitForCompletion);
        Assert.Equal("chargeFee", compensation.Processes.Single(p => p.Key == "compensateOne").Nodes["undoFee"].CompensationActivityRef);
    }

    [Fact]
    public void CompensationBoundaryWithoutAHandler_OrAssociatedWithAnActivityNotForCompensation_IsAnError()
    {
        var document = Fixture("compensation-errors.bpmn");

        Assert.Equal([("unlinked", 8, Severity.Error), ("toPlainTask", 13, Severity.Error)], Found(document, DiagnosticCodes.MissingCompensationHandler));
        Assert.Contains("'notAHandler'", document.Diagnostics.Single(d => d.Code == DiagnosticCodes.MissingCompensationHandler && d.Line == 13).Message);
    }

    [Fact]
    public void HandlerWithASequenceFlow_AndACompensationBoundaryWithOne_AreErrors_AndAnUnusedHandlerIsAWarning()
    {
        var document = Fixture("compensation-errors.bpmn");

        Assert.Equal([("flowingDone", 17, Severity.Error), ("handlerWithFlow", 18, Severity.Error)], Found(document, DiagnosticCodes.CompensationHandlerFlow));
        Assert.Equal([("forgottenHandler", 21, Severity.Warning)], Found(document, DiagnosticCodes.UnusedCompensationHandler));
        // A handler has no incoming flow by design: it is not reported unreachable.
        Assert.DoesNotContain(document.Diagnostics, d => d.Code == DiagnosticCodes.Unreachable && d.ElementId is "handlerWithFlow" or "forgottenHandler");
        Assert.DoesNotContain(document.Diagnostics, d => d.Code == DiagnosticCodes.NoOutgoingFlow && d.ElementId == "unlinked");
    }

    [Fact]
    public void ActivityRefNamingNothing_OrAnActivityWithNothingToUndo_IsAnError()
    {
        var document = Fixture("compensation-errors.bpmn");

        Assert.Equal([("unknownRef", 23, Severity.Error), ("nothingToUndo", 27, Severity.Error)], Found(document, DiagnosticCodes.InvalidCompensationRef));
        Assert.Contains("'nowhere'", document.Diagnostics.Single(d => d.ElementId == "unknownRef").Message);
    }

    [Fact]
    public void CompensationEventSubProcess_IsRefusedWithItsOwnCode()
    {
        var document = Fixture("compensation-errors.bpmn");

        Assert.Equal([("compensationStart", 30, Severity.Error)], Found(document, DiagnosticCodes.CompensationEventSubProcess));
        Assert.DoesNotContain(document.Diagnostics, d => d.Code == DiagnosticCodes.SubProcessStart);
    }

    [Fact]
    public void CancelEndOutsideATransaction_CancelBoundaryOffATransactionOrTwice_AndATransactionWithoutOne_AreErrors()
    {
        var document = Fixture("transaction-errors.bpmn");

        Assert.Equal([("cancelOutside", 10, Severity.Error)], Found(document, DiagnosticCodes.MisplacedCancelEvent));
        Assert.Equal([("cancelOnPlain", 12, Severity.Error), ("secondCancel", 27, Severity.Error)], Found(document, DiagnosticCodes.InvalidCancelBoundary));
        Assert.Equal([("unguarded", 15, Severity.Error)], Found(document, DiagnosticCodes.TransactionWithoutCancelBoundary));
        Assert.Contains("'plain' is a subProcess", document.Diagnostics.Single(d => d.ElementId == "cancelOnPlain").Message);
        Assert.DoesNotContain(document.Diagnostics, d => d.Code == DiagnosticCodes.UnsupportedElement);
    }

    [Fact]
    public void CancelBoundaryThatDoesNotInterrupt_AndACancelThrowEvent_AreErrors()
    {
        var document = Process("""
            <startEvent id="start" />
            <sequenceFlow id="toPay" sourceRef="start" targetRef="pay" />
            <transaction id="pay">
              <startEvent id="payStart" />
              <sequenceFlow id="toThrow" sourceRef="payStart" targetRef="cancelThrow" />
              <intermediateThrowEvent id="cancelThrow"><cancelEventDefinition /></intermediateThrowEvent>
              <sequenceFlow id="toCancelEnd" sourceRef="cancelThrow" targetRef="cancelEnd" />
              <endEvent id="cancelEnd"><cancelEventDefinition /></endEvent>
            </transaction>
            <boundaryEvent id="soft" attachedToRef="pay" cancelActivity="false"><cancelEventDefinition /></boundaryEvent>
            <sequenceFlow id="fromSoft" sourceRef="soft" targetRef="end" />
            <sequenceFlow id="toEnd" sourceRef="pay" targetRef="end" />
            <endEvent id="end" />
            """);

        Assert.Equal([("cancelThrow", 8, Severity.Error)], Found(document, DiagnosticCodes.MisplacedCancelEvent));
        Assert.Equal([("soft", 12, Severity.Error)], Found(document, DiagnosticCodes.InvalidCancelBoundary));
    }
}
