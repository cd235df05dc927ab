namespace OnboardingWorkflow.Engine.Parsing;

/// <summary>The stable codes of validation problems. Never renumber: tools and people match on them.</summary>
public static class DiagnosticCodes
{
    public const string MalformedXml = "BPMN001";
    public const string NotBpmn = "BPMN002";
    public const string UnsafeXml = "BPMN003";
    public const string TooLarge = "BPMN004";
    public const string NoExecutableProcess = "BPMN005";
    public const string Unreadable = "BPMN006";

    public const string DuplicateId = "BPMN010";
    public const string MissingId = "BPMN011";

    public const string UnknownFlowSource = "BPMN020";
    public const string UnknownFlowTarget = "BPMN021";
    public const string FlowCrossesScope = "BPMN022";
    public const string InvalidDefaultFlow = "BPMN023";
    public const string InvalidAttachment = "BPMN024";

    public const string NoStartEvent = "BPMN030";
    public const string SubProcessStart = "BPMN031";
    public const string Unreachable = "BPMN032";
    public const string NoOutgoingFlow = "BPMN033";
    public const string EventSubProcessFlow = "BPMN034";

    public const string UnsupportedElement = "BPMN040";
    public const string UnsupportedScriptFormat = "BPMN041";

    public const string ExpressionSyntax = "BPMN050";

    public const string MissingHandler = "BPMN060";

    public const string InvalidTimer = "BPMN070";
    public const string MissingMessage = "BPMN071";
    public const string UnknownMessage = "BPMN072";
    public const string UnknownError = "BPMN073";
    public const string UnknownLink = "BPMN074";
    public const string DuplicateLink = "BPMN075";
    public const string UnknownEscalation = "BPMN076";
    public const string UnknownSignal = "BPMN077";
    public const string MissingCondition = "BPMN078";

    public const string GatewayDeadEnd = "BPMN080";
    public const string InvalidEventGatewayTarget = "BPMN082";
    public const string DefaultFlowHasCondition = "BPMN083";

    public const string MissingCalledElement = "BPMN090";
    public const string InvalidMultiInstance = "BPMN091";

    // Task contracts (camunda:formData on user tasks)
    public const string UnknownFieldType = "BPMN100";
    public const string EnumWithoutValues = "BPMN101";
    public const string DuplicateField = "BPMN102";
    public const string DuplicateEnumValue = "BPMN103";
    public const string UnknownConstraint = "BPMN104";
    public const string ConstraintNotApplicable = "BPMN105";
    public const string InvalidConstraintConfig = "BPMN106";
    public const string InvertedRange = "BPMN107";
    public const string InvalidFieldId = "BPMN108";
    public const string MissingContract = "BPMN109";

    public const string InvalidFourEyes = "BPMN110";

    // Compensation and transactions

    /// <summary>A compensation boundary event without exactly one handler (an activity marked isForCompensation, associated with it, beside it), or a second one on an activity.</summary>
    public const string MissingCompensationHandler = "BPMN120";

    /// <summary>A compensation handler with sequence flows or boundary events, or a compensation boundary event with an outgoing flow.</summary>
    public const string CompensationHandlerFlow = "BPMN121";

    /// <summary>Warning: an activity marked isForCompensation that no compensation boundary event is associated with never runs.</summary>
    public const string UnusedCompensationHandler = "BPMN122";

    /// <summary>The activityRef of a compensation throw or end event names no activity beside it that can be compensated.</summary>
    public const string InvalidCompensationRef = "BPMN123";

    /// <summary>A compensation event sub-process (a start event with compensateEventDefinition): not run by this engine.</summary>
    public const string CompensationEventSubProcess = "BPMN124";

    /// <summary>A cancel event that is not an end event directly inside a transaction (or a boundary event, see BPMN126).</summary>
    public const string MisplacedCancelEvent = "BPMN125";

    /// <summary>A cancel boundary event not on a transaction, not interrupting, or the second one of a transaction.</summary>
    public const string InvalidCancelBoundary = "BPMN126";

    /// <summary>A transaction with a cancel end event but no cancel boundary event to leave by.</summary>
    public const string TransactionWithoutCancelBoundary = "BPMN127";

    // Async continuations and their retries

    /// <summary>A camunda:failedJobRetryTimeCycle that is neither R&lt;tries&gt;/&lt;ISO duration&gt; nor a comma-separated list of ISO durations.</summary>
    public const string InvalidRetryCycle = "BPMN128";

    /// <summary>Warning: a camunda:failedJobRetryTimeCycle on an element without asyncBefore or asyncAfter, where nothing runs as a job to retry.</summary>
    public const string RetryCycleWithoutJob = "BPMN129";

    /// <summary>Warning: camunda:asyncAfter on an element that is never left along a sequence flow (an end event, a link throw event, an event-based gateway), so it does nothing.</summary>
    public const string AsyncAfterIgnored = "BPMN130";

    // External tasks

    /// <summary>An external task (camunda:type="external") without a camunda:topic: no worker could fetch it.</summary>
    public const string ExternalTaskWithoutTopic = "BPMN131";

    /// <summary>An external task that also names a handler or an expression (camunda:delegateExpression, camunda:class, camunda:expression): it is one or the other.</summary>
    public const string ExternalTaskWithHandler = "BPMN132";

    /// <summary>A camunda:type other than "external" on a service, send or business-rule task (Camunda's connectors and built-in types are not run here).</summary>
    public const string UnsupportedTaskType = "BPMN133";
}
