using OnboardingWorkflow.Engine.Expressions;
using OnboardingWorkflow.Engine.Time;

namespace OnboardingWorkflow.Engine.Model;

/// <summary>
/// One executable BPMN flow node. The properties that apply depend on <see cref="Kind"/>; the
/// parser fills only those, and the validator checks that the required ones are present.
/// </summary>
public sealed class FlowNode
{
    public required string Id { get; init; }
    public string? Name { get; init; }
    public required ElementKind Kind { get; init; }

    /// <summary>The XML element name, e.g. "userTask", used in events and messages.</summary>
    public required string TypeName { get; init; }

    public SourcePosition Position { get; init; }

    internal static readonly IReadOnlyDictionary<string, string> NoProperties = new Dictionary<string, string>();

    /// <summary>camunda:properties extension properties by name (correlationKey, fourEyes, ...).</summary>
    public IReadOnlyDictionary<string, string> Properties { get; init; } = NoProperties;

    /// <summary>
    /// The camunda:property fourEyes of a user task: "true" makes it a checker's task (refused to
    /// the instance's maker and to anyone who already checked in this round); "maker" refuses only
    /// the maker, for work such as document review that the same analyst may do before approving.
    /// </summary>
    public FourEyesMode FourEyes => Properties.TryGetValue("fourEyes", out var value) ? value.Trim().ToLowerInvariant() switch
    {
        "true" => FourEyesMode.MakerAndCheckers,
        "maker" => FourEyesMode.MakerOnly,
        _ => FourEyesMode.None,
    } : FourEyesMode.None;

    public bool IsFourEyes => FourEyes != FourEyesMode.None;

    /// <summary>
    /// fourEyesRound="new": a token entering this node starts a new approval round (e.g. a request
    /// for more information loops back), so an approver of the last round may decide again.
    /// </summary>
    public bool StartsFourEyesRound => Properties.TryGetValue("fourEyesRound", out var value) && string.Equals(value.Trim(), "new", StringComparison.OrdinalIgnoreCase);

    /// <summary>The process or sub-process that contains this node.</summary>
    public ScopeDefinition Scope { get; internal set; } = null!;

    public List<SequenceFlow> Incoming { get; } = [];
    public List<SequenceFlow> Outgoing { get; } = [];
    public string? DefaultFlowId { get; init; }
    public SequenceFlow? DefaultFlow { get; internal set; }

    // Events
    public EventTrigger Trigger { get; init; }
    public TimerSpec? Timer { get; init; }
    public Expression? MessageName { get; init; }
    public Expression? CorrelationKey { get; init; }

    /// <summary>The error code an error end event throws or a boundary event catches; null catches every error.</summary>
    public string? ErrorCode { get; init; }

    /// <summary>The name of the signal a signal event throws or waits for (the &lt;signal&gt;'s name; may be an expression).</summary>
    public Expression? SignalName { get; init; }

    /// <summary>The escalation code an escalation event throws or a boundary event catches; null catches every escalation.</summary>
    public string? EscalationCode { get; init; }

    /// <summary>The name of a link event's linkEventDefinition: a link throw event goes on at the link catch event of this name.</summary>
    public string? LinkName { get; init; }

    /// <summary>The link catch event a link throw event goes on at (linked by the validator).</summary>
    public FlowNode? LinkTarget { get; internal set; }

    /// <summary>The condition of a conditional event (its &lt;condition&gt;), on the variables its scope sees.</summary>
    public Expression? EventCondition { get; init; }

    /// <summary>camunda:variableName of a conditional event: only changes of these variables make it look again (none: any change).</summary>
    public IReadOnlyList<string> ConditionVariables { get; init; } = [];

    /// <summary>The activityRef of a compensation throw or end event: only that activity is compensated (null: every completed one of the scope).</summary>
    public string? CompensationActivityRef { get; init; }

    /// <summary>
    /// waitForCompletion of a compensation throw or end event (BPMN's default, true): the token goes
    /// on only once every handler has finished; false, it goes on at once and the handlers run beside it.
    /// </summary>
    public bool WaitForCompletion { get; init; } = true;

    public string? AttachedToId { get; init; }
    public FlowNode? AttachedTo { get; internal set; }
    /// <summary>
    /// Whether a boundary event cancels its activity (cancelActivity), or an event sub-process's
    /// start event ends everything else in its scope (isInterrupting).
    /// </summary>
    public bool CancelActivity { get; init; } = true;
    public List<FlowNode> Boundaries { get; } = [];

    // Activities, gateways and events: async continuations

    /// <summary>camunda:asyncBefore: the element starts in a job, a unit of work of its own.</summary>
    public bool AsyncBefore { get; init; }

    /// <summary>
    /// camunda:asyncAfter: the element completes in its unit of work, and leaving it (its outgoing
    /// flows, their conditions included) runs in a job, a unit of work of its own.
    /// </summary>
    public bool AsyncAfter { get; init; }

    /// <summary>camunda:failedJobRetryTimeCycle as written (an extension element); null when the element has none.</summary>
    public string? RetryCycleText { get; init; }

    /// <summary>The parsed <see cref="RetryCycleText"/>; null when there is none or it does not parse (the validator says so).</summary>
    public RetryCycle? RetryCycle { get; init; }

    /// <summary>
    /// isForCompensation: the activity is a compensation handler. No flow leads into or out of it;
    /// it runs only when the activity whose compensation boundary event is associated with it is compensated.
    /// </summary>
    public bool IsForCompensation { get; init; }

    /// <summary>The handler that undoes this activity (through its compensation boundary event and association; linked by the validator).</summary>
    public FlowNode? CompensationHandler { get; internal set; }
    public MultiInstanceSpec? MultiInstance { get; init; }
    public UserTaskSpec? UserTask { get; init; }

    /// <summary>camunda:type as written on a service, send or business-rule task; only "external" is run.</summary>
    public string? ImplementationType { get; init; }

    /// <summary>Set for camunda:type="external": a worker outside the process does the task.</summary>
    public ExternalTaskSpec? External { get; init; }

    /// <summary>The task contract a completion is checked against: a user task's or an external task's camunda:formData.</summary>
    public TaskContract? Contract => UserTask?.Contract ?? External?.Contract;

    /// <summary>camunda:delegateExpression or camunda:class: the name of a registered handler.</summary>
    public Expression? HandlerName { get; init; }

    /// <summary>camunda:expression on a service task: evaluated instead of calling a handler.</summary>
    public Expression? ServiceExpression { get; init; }

    public Expression? Script { get; init; }
    public string? ResultVariable { get; init; }

    // Containers

    /// <summary>
    /// An event sub-process (triggeredByEvent): no flow leads in; it starts, in its (sub-)process,
    /// when the event of its start event happens there while that scope runs.
    /// </summary>
    public bool TriggeredByEvent { get; init; }

    /// <summary>A transaction sub-process: runs as an embedded sub-process; its cancel end event undoes it and leaves by its cancel boundary event.</summary>
    public bool IsTransaction { get; init; }

    public ScopeDefinition? Child { get; internal set; }
    public string? CalledElement { get; init; }
    public IReadOnlyList<VariableMapping> InMappings { get; init; } = [];
    public IReadOnlyList<VariableMapping> OutMappings { get; init; } = [];

    public bool IsActivity => Kind is ElementKind.Task or ElementKind.UserTask or ElementKind.ServiceTask
        or ElementKind.ScriptTask or ElementKind.SendTask or ElementKind.ReceiveTask
        or ElementKind.BusinessRuleTask or ElementKind.ManualTask or ElementKind.SubProcess
        or ElementKind.CallActivity;

    public bool IsGateway => Kind is ElementKind.ExclusiveGateway or ElementKind.ParallelGateway
        or ElementKind.InclusiveGateway or ElementKind.EventBasedGateway;

    public override string ToString() => $"{TypeName} '{Id}'";
}
