using System.Text;
using System.Xml;
using System.Xml.Linq;
using OnboardingWorkflow.Engine.Expressions;
using OnboardingWorkflow.Engine.Model;
using OnboardingWorkflow.Engine.Time;

namespace OnboardingWorkflow.Engine.Parsing;

/// <summary>
/// Reads BPMN 2.0 XML (as bpmn-js and Camunda Modeler write it) into process definitions and
/// validates them. Never throws for bad input: every problem becomes a diagnostic.
/// </summary>
public static class BpmnParser
{
    public const string BpmnNs = "http://www.omg.org/spec/BPMN/20100524/MODEL";
    public const string CamundaNs = "http://camunda.org/schema/1.0/bpmn";
    public const string BpmnDiNs = "http://www.omg.org/spec/BPMN/20100524/DI";


    /// <summary>
    /// Sub-processes nested deeper than this are refused: real flows nest a handful of levels,
    /// and the recursive walk over scopes must not run out of stack on a hostile file.
    /// </summary>
    public const int MaxScopeDepth = 64;

    /// <summary>Files above this size are refused before parsing.</summary>
    public const int MaxCharacters = 8 * 1024 * 1024;

    private static readonly XNamespace Bpmn = BpmnNs;
    private static readonly XNamespace Camunda = CamundaNs;

    private static readonly HashSet<string> Ignored = new(StringComparer.Ordinal)
    {
        "laneSet", "textAnnotation", "dataObject", "dataObjectReference", "dataStoreReference",
        "documentation", "extensionElements", "ioSpecification", "property", "group", "category",
        "dataInputAssociation", "dataOutputAssociation", "incoming", "outgoing",
        "resourceRole", "performer", "humanPerformer", "potentialOwner", "correlationSubscription", "auditing", "monitoring",
    };

    private static readonly Dictionary<string, ElementKind> Kinds = new(StringComparer.Ordinal)
    {
        ["startEvent"] = ElementKind.StartEvent,
        ["endEvent"] = ElementKind.EndEvent,
        ["intermediateCatchEvent"] = ElementKind.IntermediateCatchEvent,
        ["intermediateThrowEvent"] = ElementKind.IntermediateThrowEvent,
        ["boundaryEvent"] = ElementKind.BoundaryEvent,
        ["task"] = ElementKind.Task,
        ["userTask"] = ElementKind.UserTask,
        ["serviceTask"] = ElementKind.ServiceTask,
        ["scriptTask"] = ElementKind.ScriptTask,
        ["sendTask"] = ElementKind.SendTask,
        ["receiveTask"] = ElementKind.ReceiveTask,
        ["businessRuleTask"] = ElementKind.BusinessRuleTask,
        ["manualTask"] = ElementKind.ManualTask,
        ["exclusiveGateway"] = ElementKind.ExclusiveGateway,
        ["parallelGateway"] = ElementKind.ParallelGateway,
        ["inclusiveGateway"] = ElementKind.InclusiveGateway,
        ["eventBasedGateway"] = ElementKind.EventBasedGateway,
        ["subProcess"] = ElementKind.SubProcess,
        ["callActivity"] = ElementKind.CallActivity,
        ["complexGateway"] = ElementKind.Unsupported,
        ["transaction"] = ElementKind.SubProcess,
        ["adHocSubProcess"] = ElementKind.Unsupported,
    };

    public static BpmnDocument ParseFile(string path) => Parse(ReadText(path));

    public static BpmnDocument Parse(string xml)
    {
        var diagnostics = new List<Diagnostic>();
        if (xml.Length > MaxCharacters)
        {
            diagnostics.Add(new Diagnostic(DiagnosticCodes.TooLarge, Severity.Error,
                $"The file has more than {MaxCharacters:N0} characters, the limit.", 1, 1, null));
            return Empty(diagnostics);
        }

        var root = Load(xml, diagnostics);
        if (root is null)
        {
            return Empty(diagnostics);
        }

        if (root.Name != Bpmn + "definitions")
        {
            diagnostics.Add(Error(DiagnosticCodes.NotBpmn, $"The root element is <{root.Name.LocalName}> in namespace '{root.Name.NamespaceName}', not BPMN 2.0 <definitions>.", root, null));
            return Empty(diagnostics);
        }

        var context = new ParseContext(root, diagnostics);
        var processes = new List<ProcessDefinition>();
        foreach (var element in root.Elements(Bpmn + "process"))
        {
            processes.Add(context.ParseProcess(element));
        }

        var participants = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var participant in root.Elements(Bpmn + "collaboration").Elements(Bpmn + "participant"))
        {
            var processRef = (string?)participant.Attribute("processRef");
            if (processRef is not null)
            {
                participants[processRef] = (string?)participant.Attribute("name") ?? processRef;
            }
        }

        foreach (var process in processes)
        {
            BpmnValidator.Validate(process, context.Positions, diagnostics);
        }

        if (processes.Count == 0 || processes.All(p => !p.IsExecutable))
        {
            diagnostics.Add(Error(DiagnosticCodes.NoExecutableProcess,
                processes.Count == 0 ? "The file defines no <process>." : "No process is marked isExecutable=\"true\"; nothing can run.",
                root, null, processes.Count == 0 ? Severity.Error : Severity.Warning));
        }

        diagnostics.Sort((a, b) => a.Line != b.Line ? a.Line.CompareTo(b.Line) : a.Column.CompareTo(b.Column));
        return new BpmnDocument { Processes = processes, Diagnostics = diagnostics, Participants = participants };
    }

    private static BpmnDocument Empty(List<Diagnostic> diagnostics) => new() { Processes = [], Diagnostics = diagnostics };

    private static XElement? Load(string xml, List<Diagnostic> diagnostics)
    {
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            MaxCharactersFromEntities = 1024,
            MaxCharactersInDocument = MaxCharacters,
            IgnoreComments = true,
            IgnoreProcessingInstructions = true,
        };
        try
        {
            using var reader = XmlReader.Create(new StringReader(xml), settings);
            return XDocument.Load(reader, LoadOptions.SetLineInfo).Root;
        }
        catch (XmlException ex)
        {
            // DTDs are prohibited, so the reader stops at one; an undeclared "&name;" without a DTD
            // is merely malformed (a bare '&' in a condition), not hostile.
            var unsafeXml = ex.Message.Contains("DTD", StringComparison.Ordinal);
            var (line, column) = unsafeXml && ex.LineNumber == 0 ? LocationOf(xml, "<!DOCTYPE") : (ex.LineNumber, ex.LinePosition);
            diagnostics.Add(new Diagnostic(unsafeXml ? DiagnosticCodes.UnsafeXml : DiagnosticCodes.MalformedXml, Severity.Error,
                unsafeXml ? $"Refused: the file declares a DTD or entities, which BPMN files never need ({ex.Message})" : $"The XML is not well-formed: {ex.Message}",
                Math.Max(line, 1), Math.Max(column, 1), null));
            return null;
        }
    }

    /// <summary>The 1-based line and column of the first occurrence of a text; the reader's DTD refusal carries none.</summary>
    private static (int Line, int Column) LocationOf(string xml, string text)
    {
        var index = xml.IndexOf(text, StringComparison.OrdinalIgnoreCase);
        if (index < 0)
        {
            return (1, 1);
        }

        var lineStart = xml.LastIndexOf('\n', Math.Max(index - 1, 0)) + 1;
        var line = 1 + xml.AsSpan(0, index).Count('\n');
        return (line, index - lineStart + 1);
    }

    internal static SourcePosition PositionOf(XObject node) =>
        node is IXmlLineInfo info && info.HasLineInfo() ? new SourcePosition(info.LineNumber, info.LinePosition) : SourcePosition.Unknown;

    private static Diagnostic Error(string code, string message, XElement element, string? id, Severity severity = Severity.Error)
    {
        var position = PositionOf(element);
        return new Diagnostic(code, severity, message, position.Line, position.Column, id);
    }

    /// <summary>The state of one parse: global messages and errors, ids seen, and positions.</summary>
    private sealed class ParseContext
    {
        private readonly List<Diagnostic> _diagnostics;
        private readonly Dictionary<string, string> _messages;
        private readonly Dictionary<string, string> _errors;
        private readonly Dictionary<string, string> _escalations;
        private readonly Dictionary<string, string> _signals;

        public ParseContext(XElement root, List<Diagnostic> diagnostics)
        {
            _diagnostics = diagnostics;
            _messages = NamesOf(root, "message", "name");
            _errors = NamesOf(root, "error", "errorCode", "name");
            _signals = NamesOf(root, "signal", "name");
            _escalations = NamesOf(root, "escalation", "escalationCode", "name");
            CheckIds(root);
        }

        /// <summary>The root-level &lt;kind&gt; elements by id, each with the first of <paramref name="attributes"/> it has (else its id).</summary>
        private static Dictionary<string, string> NamesOf(XElement root, string kind, params string[] attributes) =>
            root.Elements(Bpmn + kind)
                .Select(e => (Id: (string?)e.Attribute("id"), Element: e))
                .Where(e => e.Id is not null)
                .GroupBy(e => e.Id!, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => attributes.Select(a => (string?)g.Last().Element.Attribute(a)).FirstOrDefault(v => v is not null) ?? g.Key, StringComparer.Ordinal);

        /// <summary>Positions of elements by id, for diagnostics the validator raises later.</summary>
        public Dictionary<string, SourcePosition> Positions { get; } = new(StringComparer.Ordinal);

        private void CheckIds(XElement root)
        {
            var seen = new Dictionary<string, SourcePosition>(StringComparer.Ordinal);
            // Only BPMN and diagram-interchange elements share one id space; extension elements
            // such as camunda:formField reuse ids freely (two tasks may both have a field "approved").
            foreach (var element in root.DescendantsAndSelf())
            {
                if (element.Name.NamespaceName is not (BpmnNs or BpmnDiNs))
                {
                    continue;
                }

                var id = (string?)element.Attribute("id");
                if (id is null)
                {
                    continue;
                }

                var position = PositionOf(element);
                if (seen.TryGetValue(id, out var first))
                {
                    _diagnostics.Add(new Diagnostic(DiagnosticCodes.DuplicateId, Severity.Error,
                        $"The id '{id}' is already used by the element at line {first.Line}.", position.Line, position.Column, id));
                }
                else
                {
                    seen[id] = position;
                    Positions[id] = position;
                }
            }
        }

        public ProcessDefinition ParseProcess(XElement element)
        {
            var id = (string?)element.Attribute("id");
            if (string.IsNullOrWhiteSpace(id))
            {
                _diagnostics.Add(Error(DiagnosticCodes.MissingId, "A <process> has no id.", element, null));
                id = "process";
            }

            var executable = !string.Equals((string?)element.Attribute("isExecutable"), "false", StringComparison.OrdinalIgnoreCase);
            var root = new ScopeDefinition { Id = id };
            var process = new ProcessDefinition
            {
                Key = id,
                Name = (string?)element.Attribute("name"),
                IsExecutable = executable,
                Root = root,
                Position = PositionOf(element),
            };
            ParseScope(element, root, process, depth: 0);

            foreach (var lane in element.Descendants(Bpmn + "lane"))
            {
                var laneName = (string?)lane.Attribute("name") ?? (string?)lane.Attribute("id") ?? "lane";
                foreach (var reference in lane.Elements(Bpmn + "flowNodeRef"))
                {
                    process.Lanes[reference.Value.Trim()] = laneName;
                }
            }

            return process;
        }

        private void ParseScope(XElement container, ScopeDefinition scope, ProcessDefinition process, int depth)
        {
            foreach (var child in container.Elements())
            {
                if (child.Name.Namespace != Bpmn || Ignored.Contains(child.Name.LocalName))
                {
                    continue;
                }

                if (child.Name.LocalName == "sequenceFlow")
                {
                    scope.Flows.Add(ParseFlow(child));
                    continue;
                }

                if (child.Name.LocalName == "association")
                {
                    scope.Associations.Add(new Association((string?)child.Attribute("id") ?? string.Empty, (string?)child.Attribute("sourceRef") ?? string.Empty,
                        (string?)child.Attribute("targetRef") ?? string.Empty, PositionOf(child)));
                    continue;
                }

                var node = ParseNode(child, scope, process, depth);
                if (node is null)
                {
                    continue;
                }

                if (!process.Nodes.TryAdd(node.Id, node))
                {
                    continue; // reported as a duplicate id already; keeping it would only add noise
                }

                node.Scope = scope;
                scope.Nodes.Add(node);
            }
        }

        private SequenceFlow ParseFlow(XElement element)
        {
            var condition = element.Element(Bpmn + "conditionExpression");
            return new SequenceFlow
            {
                Id = IdOf(element),
                Name = (string?)element.Attribute("name"),
                SourceId = (string?)element.Attribute("sourceRef") ?? string.Empty,
                TargetId = (string?)element.Attribute("targetRef") ?? string.Empty,
                Position = PositionOf(element),
                Condition = condition is null || string.IsNullOrWhiteSpace(condition.Value) ? null : Expression.FromCode(condition.Value),
            };
        }

        /// <summary>
        /// The element's id. BPMN makes the id optional (tools leave it off sequence flows), so an
        /// element without one gets a generated id that depends only on what the file says, not on
        /// where: a flow is named by its ends ("flow_review_end"), anything else by its kind and its
        /// rank among the id-less elements of that kind ("userTask_2"); a clash with a real id adds a
        /// number. The same file always gets the same ids, so running instances, history and
        /// migrations find them again after an unrelated edit. Reported as a warning naming the id.
        /// </summary>
        private string IdOf(XElement element)
        {
            var id = (string?)element.Attribute("id");
            if (!string.IsNullOrWhiteSpace(id))
            {
                return id;
            }

            var kind = element.Name.LocalName;
            var rank = _unnamed[kind] = _unnamed.GetValueOrDefault(kind) + 1;
            var generated = kind == "sequenceFlow"
                ? $"flow_{(string?)element.Attribute("sourceRef")}_{(string?)element.Attribute("targetRef")}"
                : $"{kind}_{rank}";
            var unique = generated;
            for (var n = 2; !Positions.TryAdd(unique, PositionOf(element)); n++)
            {
                unique = $"{generated}_{n}";
            }

            _diagnostics.Add(Error(DiagnosticCodes.MissingId, $"A <{kind}> has no id; it is known here as '{unique}'. Give it an id to name it yourself.",
                element, null, Severity.Warning));
            return unique;
        }

        private readonly Dictionary<string, int> _unnamed = new(StringComparer.Ordinal);

        private FlowNode? ParseNode(XElement element, ScopeDefinition scope, ProcessDefinition process, int depth)
        {
            var localName = element.Name.LocalName;
            if (!Kinds.TryGetValue(localName, out var kind))
            {
                // Anything else that is not a known non-flow element is reported, with its place.
                var unknownId = (string?)element.Attribute("id");
                if (unknownId is not null)
                {
                    return new FlowNode { Id = unknownId, Kind = ElementKind.Unsupported, TypeName = localName, Position = PositionOf(element), Name = (string?)element.Attribute("name") };
                }

                return null;
            }

            var id = IdOf(element);
            var eventDefinition = element.Elements().FirstOrDefault(e => e.Name.Namespace == Bpmn && e.Name.LocalName.EndsWith("EventDefinition", StringComparison.Ordinal));
            var (trigger, supportedTrigger) = TriggerOf(eventDefinition);
            var several = element.Elements().Count(e => e.Name.Namespace == Bpmn && e.Name.LocalName.EndsWith("EventDefinition", StringComparison.Ordinal)) > 1;
            supportedTrigger &= !several; // BPMN "multiple" events

            if (!supportedTrigger || element.Element(Bpmn + "standardLoopCharacteristics") is not null)
            {
                kind = ElementKind.Unsupported;
                localName = eventDefinition is null ? $"{localName} with standard loop"
                    : several ? $"{localName} with several event definitions" : $"{localName} with {eventDefinition.Name.LocalName}";
            }

            var camunda = (string name) => (string?)element.Attribute(Camunda + name);
            var node = new FlowNode
            {
                Id = id,
                Name = (string?)element.Attribute("name"),
                Kind = kind,
                TypeName = element.Name.LocalName == localName ? localName : localName,
                Position = PositionOf(element),
                DefaultFlowId = (string?)element.Attribute("default"),
                Trigger = trigger,
                Timer = trigger == EventTrigger.Timer ? ParseTimer(eventDefinition!, id) : null,
                MessageName = ParseMessageName(element, eventDefinition, kind, id),
                CorrelationKey = ExtensionProperty(element, "correlationKey") is { } key ? Expression.FromAttribute(key) : null,
                Properties = ExtensionProperties(element),
                ErrorCode = trigger == EventTrigger.Error ? ParseErrorCode(eventDefinition!, id) : null,
                SignalName = trigger == EventTrigger.Signal ? ParseSignalName(eventDefinition!, id) : null,
                EscalationCode = trigger == EventTrigger.Escalation ? ParseEscalationCode(eventDefinition!, id) : null,
                EventCondition = trigger == EventTrigger.Conditional ? ParseEventCondition(eventDefinition!, id) : null,
                ConditionVariables = trigger == EventTrigger.Conditional ? NamesIn((string?)eventDefinition!.Attribute(Camunda + "variableName")) : [],
                LinkName = trigger == EventTrigger.Link ? ((string?)eventDefinition!.Attribute("name"))?.Trim() : null,
                CompensationActivityRef = trigger == EventTrigger.Compensation ? NullIfBlank((string?)eventDefinition!.Attribute("activityRef")) : null,
                WaitForCompletion = trigger != EventTrigger.Compensation
                    || !string.Equals(((string?)eventDefinition!.Attribute("waitForCompletion"))?.Trim(), "false", StringComparison.OrdinalIgnoreCase),
                AttachedToId = (string?)element.Attribute("attachedToRef"),
                CancelActivity = !string.Equals((string?)(element.Attribute("cancelActivity") ?? element.Attribute("isInterrupting")), "false", StringComparison.OrdinalIgnoreCase),
                TriggeredByEvent = kind == ElementKind.SubProcess && string.Equals((string?)element.Attribute("triggeredByEvent"), "true", StringComparison.OrdinalIgnoreCase),
                AsyncBefore = string.Equals(camunda("asyncBefore") ?? camunda("async"), "true", StringComparison.OrdinalIgnoreCase),
                AsyncAfter = string.Equals(camunda("asyncAfter")?.Trim(), "true", StringComparison.OrdinalIgnoreCase),
                RetryCycleText = RetryCycleOf(element),
                RetryCycle = RetryCycle.TryParse(RetryCycleOf(element), out var retryCycle, out _) ? retryCycle : null,
                IsForCompensation = string.Equals(((string?)element.Attribute("isForCompensation"))?.Trim(), "true", StringComparison.OrdinalIgnoreCase),
                IsTransaction = kind == ElementKind.SubProcess && element.Name.LocalName == "transaction",
                MultiInstance = ParseMultiInstance(element.Element(Bpmn + "multiInstanceLoopCharacteristics")),
                UserTask = kind == ElementKind.UserTask ? ParseUserTask(element) : null,
                HandlerName = HandlerOf(element),
                ImplementationType = kind is ElementKind.ServiceTask or ElementKind.SendTask or ElementKind.BusinessRuleTask ? NullIfBlank(camunda("type")) : null,
                External = kind is ElementKind.ServiceTask or ElementKind.SendTask or ElementKind.BusinessRuleTask
                    && string.Equals(camunda("type")?.Trim(), "external", StringComparison.Ordinal) ? ParseExternalTask(element) : null,
                ServiceExpression = camunda("expression") is { } serviceExpression ? Expression.FromAttribute(serviceExpression) : null,
                Script = kind == ElementKind.ScriptTask ? ParseScript(element, id) : null,
                ResultVariable = camunda("resultVariable"),
                CalledElement = (string?)element.Attribute("calledElement"),
                InMappings = ParseMappings(element, "in"),
                OutMappings = ParseMappings(element, "out"),
            };

            if (kind == ElementKind.SubProcess)
            {
                if (depth >= MaxScopeDepth)
                {
                    _diagnostics.Add(Error(DiagnosticCodes.UnsafeXml, $"Refused: sub-processes are nested more than {MaxScopeDepth} levels deep.", element, id));
                }
                else
                {
                    node.Child = new ScopeDefinition { Id = id, Owner = node };
                    ParseScope(element, node.Child, process, depth + 1);
                }
            }

            return node;
        }

        private static (EventTrigger Trigger, bool Supported) TriggerOf(XElement? definition) => definition?.Name.LocalName switch
        {
            null => (EventTrigger.None, true),
            "timerEventDefinition" => (EventTrigger.Timer, true),
            "messageEventDefinition" => (EventTrigger.Message, true),
            "errorEventDefinition" => (EventTrigger.Error, true),
            "terminateEventDefinition" => (EventTrigger.Terminate, true),
            "linkEventDefinition" => (EventTrigger.Link, true),
            "escalationEventDefinition" => (EventTrigger.Escalation, true),
            "signalEventDefinition" => (EventTrigger.Signal, true),
            "conditionalEventDefinition" => (EventTrigger.Conditional, true),
            "compensateEventDefinition" => (EventTrigger.Compensation, true),
            "cancelEventDefinition" => (EventTrigger.Cancel, true),
            _ => (EventTrigger.None, false),
        };

        private TimerSpec? ParseTimer(XElement definition, string id)
        {
            foreach (var (name, kind) in new[] { ("timeDuration", TimerKind.Duration), ("timeDate", TimerKind.Date), ("timeCycle", TimerKind.Cycle) })
            {
                var value = definition.Element(Bpmn + name);
                if (value is not null)
                {
                    if (string.IsNullOrWhiteSpace(value.Value))
                    {
                        _diagnostics.Add(Error(DiagnosticCodes.InvalidTimer, $"The <{name}> of the timer is empty.", value, id));
                        return null;
                    }

                    return new TimerSpec(kind, Expression.FromAttribute(value.Value.Trim()));
                }
            }

            _diagnostics.Add(Error(DiagnosticCodes.InvalidTimer, "The timer has no timeDuration, timeDate or timeCycle.", definition, id));
            return null;
        }

        private Expression? ParseMessageName(XElement element, XElement? definition, ElementKind kind, string id)
        {
            var messageRef = definition?.Name.LocalName == "messageEventDefinition"
                ? (string?)definition.Attribute("messageRef")
                : kind is ElementKind.ReceiveTask or ElementKind.SendTask ? (string?)element.Attribute("messageRef") : null;
            if (messageRef is null)
            {
                // A receive task without a message waits for a trigger from outside instead.
                var needsMessage = definition?.Name.LocalName == "messageEventDefinition" && kind != ElementKind.EndEvent && kind != ElementKind.IntermediateThrowEvent;
                if (needsMessage)
                {
                    _diagnostics.Add(Error(DiagnosticCodes.MissingMessage, "The element waits for a message but names none (messageRef).", definition ?? element, id));
                }

                return null;
            }

            if (!_messages.TryGetValue(messageRef, out var name))
            {
                _diagnostics.Add(Error(DiagnosticCodes.UnknownMessage, $"The messageRef '{messageRef}' names no <message> of this file.", definition ?? element, id));
                return null;
            }

            return Expression.FromAttribute(name);
        }

        private string? ParseErrorCode(XElement definition, string id)
        {
            var errorRef = (string?)definition.Attribute("errorRef");
            if (errorRef is null)
            {
                return null;
            }

            if (_errors.TryGetValue(errorRef, out var code))
            {
                return code;
            }

            _diagnostics.Add(Error(DiagnosticCodes.UnknownError, $"The errorRef '{errorRef}' names no <error> of this file.", definition, id));
            return null;
        }

        private Expression? ParseEventCondition(XElement definition, string id)
        {
            var condition = definition.Element(Bpmn + "condition");
            if (condition is null || string.IsNullOrWhiteSpace(condition.Value))
            {
                _diagnostics.Add(Error(DiagnosticCodes.MissingCondition, "The conditional event has no <condition>, such as ${amount > 10000}.", definition, id));
                return null;
            }

            return Expression.FromCode(condition.Value);
        }

        private static string? NullIfBlank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

        private static List<string> NamesIn(string? list) =>
            list is null ? [] : [.. list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

        private Expression? ParseSignalName(XElement definition, string id)
        {
            var signalRef = (string?)definition.Attribute("signalRef");
            if (signalRef is not null && _signals.TryGetValue(signalRef, out var name))
            {
                return Expression.FromAttribute(name);
            }

            _diagnostics.Add(Error(DiagnosticCodes.UnknownSignal, signalRef is null
                ? "The signal event names no signal: set signalRef to a <signal> of this file."
                : $"The signalRef '{signalRef}' names no <signal> of this file.", definition, id));
            return null;
        }

        private string? ParseEscalationCode(XElement definition, string id)
        {
            var escalationRef = (string?)definition.Attribute("escalationRef");
            if (escalationRef is null)
            {
                return null;
            }

            if (_escalations.TryGetValue(escalationRef, out var code))
            {
                return code;
            }

            _diagnostics.Add(Error(DiagnosticCodes.UnknownEscalation, $"The escalationRef '{escalationRef}' names no <escalation> of this file.", definition, id));
            return null;
        }

        private static IReadOnlyDictionary<string, string> ExtensionProperties(XElement element)
        {
            var properties = element.Element(Bpmn + "extensionElements")?.Elements(Camunda + "properties").Elements(Camunda + "property");
            if (properties is null)
            {
                return FlowNode.NoProperties;
            }

            var result = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var property in properties)
            {
                if ((string?)property.Attribute("name") is { Length: > 0 } name)
                {
                    result[name] = (string?)property.Attribute("value") ?? string.Empty;
                }
            }

            return result;
        }

        /// <summary>The text of camunda:failedJobRetryTimeCycle in the element's extensionElements, trimmed; null when absent.</summary>
        private static string? RetryCycleOf(XElement element) =>
            element.Element(Bpmn + "extensionElements")?.Element(Camunda + "failedJobRetryTimeCycle")?.Value.Trim();

        private static string? ExtensionProperty(XElement element, string name) =>
            element.Element(Bpmn + "extensionElements")?.Elements(Camunda + "properties").Elements(Camunda + "property")
                .FirstOrDefault(p => (string?)p.Attribute("name") == name)?.Attribute("value")?.Value;

        private static MultiInstanceSpec? ParseMultiInstance(XElement? element)
        {
            if (element is null)
            {
                return null;
            }

            var cardinality = element.Element(Bpmn + "loopCardinality")?.Value;
            var completion = element.Element(Bpmn + "completionCondition")?.Value;
            var collection = (string?)element.Attribute(Camunda + "collection");
            return new MultiInstanceSpec
            {
                IsSequential = string.Equals((string?)element.Attribute("isSequential"), "true", StringComparison.OrdinalIgnoreCase),
                Cardinality = string.IsNullOrWhiteSpace(cardinality) ? null : Expression.FromCode(cardinality),
                Collection = string.IsNullOrWhiteSpace(collection) ? null
                    : collection.Contains("${", StringComparison.Ordinal) ? Expression.FromAttribute(collection) : Expression.FromCode(collection),
                ElementVariable = (string?)element.Attribute(Camunda + "elementVariable"),
                CompletionCondition = string.IsNullOrWhiteSpace(completion) ? null : Expression.FromCode(completion),
            };
        }

        private static UserTaskSpec ParseUserTask(XElement element)
        {
            Expression? Attr(string name) => (string?)element.Attribute(Camunda + name) is { Length: > 0 } text ? Expression.FromAttribute(text) : null;
            return new UserTaskSpec
            {
                Assignee = Attr("assignee"),
                CandidateUsers = Attr("candidateUsers"),
                CandidateGroups = Attr("candidateGroups"),
                DueDate = Attr("dueDate"),
                FollowUpDate = Attr("followUpDate"),
                Priority = Attr("priority"),
                FormKey = Attr("formKey"),
                Contract = ParseContract(element),
            };
        }

        private static ExternalTaskSpec ParseExternalTask(XElement element)
        {
            var priority = NullIfBlank((string?)element.Attribute(Camunda + "taskPriority"));
            return new ExternalTaskSpec
            {
                Topic = NullIfBlank((string?)element.Attribute(Camunda + "topic")),
                Priority = priority is null ? null : Expression.FromAttribute(priority),
                Contract = ParseContract(element),
            };
        }

        /// <summary>Reads camunda:formData as written; the validator judges it, so nothing here is refused.</summary>
        private static TaskContract? ParseContract(XElement element)
        {
            var formData = element.Element(Bpmn + "extensionElements")?.Element(Camunda + "formData");
            if (formData is null)
            {
                return null;
            }

            var fields = formData.Elements(Camunda + "formField").Select(field => new FormField
            {
                Id = (string?)field.Attribute("id") ?? string.Empty,
                Label = (string?)field.Attribute("label"),
                TypeName = (string?)field.Attribute("type"),
                Type = FieldRules.TypeOf((string?)field.Attribute("type")),
                DefaultValue = (string?)field.Attribute("defaultValue"),
                Values = field.Elements(Camunda + "value")
                    .Select(v => new FormFieldValue((string?)v.Attribute("id") ?? string.Empty, (string?)v.Attribute("name"), PositionOf(v)))
                    .ToList(),
                Constraints = field.Elements(Camunda + "validation").Elements(Camunda + "constraint")
                    .Select(c => new FieldConstraint(((string?)c.Attribute("name") ?? string.Empty).Trim(), (string?)c.Attribute("config"), PositionOf(c)))
                    .ToList(),
                Position = PositionOf(field),
            }).ToList();
            return new TaskContract { Fields = fields, Position = PositionOf(formData) };
        }

        private static Expression? HandlerOf(XElement element)
        {
            var delegateExpression = (string?)element.Attribute(Camunda + "delegateExpression");
            if (!string.IsNullOrWhiteSpace(delegateExpression))
            {
                // "${name}" names a handler; it is not evaluated as JavaScript.
                var text = delegateExpression.Trim();
                if ((text.StartsWith("${", StringComparison.Ordinal) || text.StartsWith("#{", StringComparison.Ordinal)) && text.EndsWith('}'))
                {
                    text = text[2..^1].Trim();
                }

                return Expression.Literal(text);
            }

            var className = (string?)element.Attribute(Camunda + "class");
            return string.IsNullOrWhiteSpace(className) ? null : Expression.Literal(className.Trim());
        }

        private Expression? ParseScript(XElement element, string id)
        {
            var format = ((string?)element.Attribute("scriptFormat"))?.Trim().ToLowerInvariant();
            if (format is not (null or "" or "javascript" or "js" or "ecmascript" or "text/javascript"))
            {
                _diagnostics.Add(Error(DiagnosticCodes.UnsupportedScriptFormat, $"The script format '{format}' is not supported; use javascript.", element, id));
                return null;
            }

            var script = element.Element(Bpmn + "script");
            if (script is null || string.IsNullOrWhiteSpace(script.Value))
            {
                _diagnostics.Add(Error(DiagnosticCodes.MissingHandler, "The script task has no <script> body.", element, id));
                return null;
            }

            return Expression.FromScript(script.Value);
        }

        private static IReadOnlyList<VariableMapping> ParseMappings(XElement element, string direction)
        {
            var extensions = element.Element(Bpmn + "extensionElements");
            if (extensions is null)
            {
                return [];
            }

            var mappings = new List<VariableMapping>();
            foreach (var mapping in extensions.Elements(Camunda + direction))
            {
                var variables = (string?)mapping.Attribute("variables");
                if (string.Equals(variables, "all", StringComparison.OrdinalIgnoreCase))
                {
                    mappings.Add(new VariableMapping(null, null, null, AllVariables: true));
                    continue;
                }

                if ((string?)mapping.Attribute("businessKey") is not null)
                {
                    continue;
                }

                var sourceExpression = (string?)mapping.Attribute("sourceExpression");
                mappings.Add(new VariableMapping(
                    (string?)mapping.Attribute("source"),
                    sourceExpression is null ? null : Expression.FromAttribute(sourceExpression),
                    (string?)mapping.Attribute("target"),
                    AllVariables: false));
            }

            return mappings;
        }
    }

    /// <summary>
    /// Reads a file's text as UTF-8 (with or without BOM); used by the command line. Stops one
    /// character past <see cref="MaxCharacters"/>, so a huge file costs no more memory than the
    /// limit and <see cref="Parse"/> still reports it as too large.
    /// </summary>
    public static string ReadText(string path)
    {
        using var reader = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        var buffer = new char[64 * 1024];
        var text = new StringBuilder();
        int read;
        while (text.Length <= MaxCharacters && (read = reader.Read(buffer, 0, buffer.Length)) > 0)
        {
            text.Append(buffer, 0, read);
        }

        return text.ToString();
    }
}
