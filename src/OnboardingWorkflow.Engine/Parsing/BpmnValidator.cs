using System.Text.RegularExpressions;
using OnboardingWorkflow.Engine.Expressions;
using OnboardingWorkflow.Engine.Model;
using OnboardingWorkflow.Engine.Time;

namespace OnboardingWorkflow.Engine.Parsing;

/// <summary>
/// Links a parsed process (flows to nodes, boundary events to hosts, default flows) and checks
/// that it can run: every problem is reported, none stops the others from being found.
/// </summary>
internal static partial class BpmnValidator
{
    public static void Validate(ProcessDefinition process, IReadOnlyDictionary<string, SourcePosition> positions, List<Diagnostic> diagnostics)
    {
        var report = new Reporter(diagnostics, process.IsExecutable);
        Link(process.Root, process, report);
        LinkCompensation(process, report);
        CheckScope(process.Root, process, report, isProcess: true);
    }

    private sealed class Reporter(List<Diagnostic> diagnostics, bool executable)
    {
        // A broken reference breaks the file itself. Everything else is about running the process,
        // and nothing of a process marked isExecutable="false" (a documentation pool) ever runs.
        private static readonly HashSet<string> Structural = new(StringComparer.Ordinal)
        {
            DiagnosticCodes.UnknownFlowSource, DiagnosticCodes.UnknownFlowTarget, DiagnosticCodes.FlowCrossesScope,
            DiagnosticCodes.InvalidDefaultFlow, DiagnosticCodes.InvalidAttachment,
        };

        public bool Executable { get; } = executable;

        public void Add(string code, string message, SourcePosition at, string? id, Severity severity = Severity.Error)
        {
            if (!Executable && severity == Severity.Error && !Structural.Contains(code))
            {
                severity = Severity.Warning;
            }

            diagnostics.Add(new Diagnostic(code, severity, message, at.Line, at.Column, id));
        }
    }

    private static void Link(ScopeDefinition scope, ProcessDefinition process, Reporter report)
    {
        var local = scope.Nodes.GroupBy(n => n.Id).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        foreach (var flow in scope.Flows)
        {
            var sourceOk = Resolve(flow.SourceId, local, process, flow, "source", DiagnosticCodes.UnknownFlowSource, report, out var source);
            var targetOk = Resolve(flow.TargetId, local, process, flow, "target", DiagnosticCodes.UnknownFlowTarget, report, out var target);
            if (sourceOk && targetOk)
            {
                flow.Source = source!;
                flow.Target = target!;
                source!.Outgoing.Add(flow);
                target!.Incoming.Add(flow);
            }
        }

        foreach (var node in scope.Nodes)
        {
            if (node.DefaultFlowId is not null)
            {
                node.DefaultFlow = node.Outgoing.FirstOrDefault(f => f.Id == node.DefaultFlowId);
                if (node.DefaultFlow is null)
                {
                    report.Add(DiagnosticCodes.InvalidDefaultFlow, $"The default flow '{node.DefaultFlowId}' is not an outgoing flow of this element.", node.Position, node.Id);
                }
                else if (node.DefaultFlow.Condition is not null)
                {
                    report.Add(DiagnosticCodes.DefaultFlowHasCondition, "The default flow has a condition, which is ignored: a default flow is taken only when no other flow is.", node.DefaultFlow.Position, node.DefaultFlow.Id, Severity.Warning);
                }
            }

            if (node.Kind == ElementKind.BoundaryEvent)
            {
                if (node.AttachedToId is not null && local.TryGetValue(node.AttachedToId, out var host) && host.IsActivity)
                {
                    node.AttachedTo = host;
                    host.Boundaries.Add(node);
                }
                else
                {
                    report.Add(DiagnosticCodes.InvalidAttachment, $"The boundary event is attached to '{node.AttachedToId}', which is not an activity of the same scope.", node.Position, node.Id);
                }
            }

            if (node.TriggeredByEvent)
            {
                scope.EventSubProcesses.Add(node);
            }

            if (node.Child is not null)
            {
                Link(node.Child, process, report);
            }
        }

        LinkEvents(scope, report);
        var starts = scope.Nodes.Where(n => n.Kind == ElementKind.StartEvent).ToList();
        scope.NoneStart = starts.FirstOrDefault(s => s.Trigger == EventTrigger.None) ?? (starts.Count == 1 ? starts[0] : null);
    }

    /// <summary>
    /// Pairs each link throw event with the one link catch event of its name in the same scope
    /// (links do not cross sub-process boundaries, as sequence flows do not).
    /// </summary>
    private static void LinkEvents(ScopeDefinition scope, Reporter report)
    {
        var catches = scope.Nodes.Where(n => n.Kind == ElementKind.IntermediateCatchEvent && n.Trigger == EventTrigger.Link)
            .ToLookup(n => n.LinkName ?? "", StringComparer.Ordinal);
        foreach (var named in catches.Where(g => g.Count() > 1))
        {
            foreach (var duplicate in named.Skip(1))
            {
                report.Add(DiagnosticCodes.DuplicateLink, $"Another link catch event of this (sub-)process is named '{named.Key}' already ('{named.First().Id}'): a link throw event would not know where to go on.", duplicate.Position, duplicate.Id);
            }
        }

        foreach (var link in scope.Nodes.Where(n => n.Kind == ElementKind.IntermediateThrowEvent && n.Trigger == EventTrigger.Link))
        {
            link.LinkTarget = catches[link.LinkName ?? ""].FirstOrDefault();
            if (link.LinkTarget is null)
            {
                report.Add(DiagnosticCodes.UnknownLink, string.IsNullOrEmpty(link.LinkName)
                    ? "The link throw event's linkEventDefinition has no name."
                    : $"No link catch event of this (sub-)process is named '{link.LinkName}'.", link.Position, link.Id);
            }
        }
    }

    private static bool Resolve(string id, Dictionary<string, FlowNode> local, ProcessDefinition process, SequenceFlow flow, string end, string code, Reporter report, out FlowNode? node)
    {
        if (local.TryGetValue(id, out node))
        {
            return true;
        }

        if (process.Nodes.ContainsKey(id))
        {
            report.Add(DiagnosticCodes.FlowCrossesScope, $"The sequence flow's {end} '{id}' is in another (sub-)process; sequence flows cannot cross a sub-process boundary.", flow.Position, flow.Id);
        }
        else
        {
            report.Add(code, string.IsNullOrEmpty(id) ? $"The sequence flow has no {end}Ref." : $"The sequence flow's {end} '{id}' does not exist.", flow.Position, flow.Id);
        }

        return false;
    }

    private static void CheckScope(ScopeDefinition scope, ProcessDefinition process, Reporter report, bool isProcess)
    {
        var starts = scope.Nodes.Where(IsStartEvent).ToList();
        var at = isProcess ? process.Position : scope.Owner!.Position;
        if (starts.Count == 0 && scope.Nodes.Count > 0)
        {
            report.Add(DiagnosticCodes.NoStartEvent, isProcess ? "The process has no start event." : "The sub-process has no start event.", at, scope.Id);
        }
        else if (scope.IsEventSubProcess)
        {
            CheckEventSubProcess(scope.Owner!, starts, report);
        }
        else if (!isProcess && (starts.Count != 1 || starts[0].Trigger != EventTrigger.None))
        {
            report.Add(DiagnosticCodes.SubProcessStart, "An embedded sub-process needs exactly one start event without a trigger.", at, scope.Id);
        }

        var reachable = Reachable(scope);
        foreach (var node in scope.Nodes)
        {
            if (node.Kind == ElementKind.Unsupported && report.Executable)
            {
                // Said before "unreachable": an event sub-process or a signal start has no incoming flow by design.
                report.Add(DiagnosticCodes.UnsupportedElement, $"The element '{node.TypeName}' is not supported on an executable path.", node.Position, node.Id);
            }
            else if (!reachable.Contains(node))
            {
                report.Add(DiagnosticCodes.Unreachable, $"The {node.TypeName} cannot be reached from any start event.", node.Position, node.Id);
            }

            CheckNode(node, report);
            CheckCompensationAndCancel(node, report);
            CheckContract(node, report);
            CheckFourEyes(node, report);
            CheckJobs(node, report);
            if (node.Child is not null)
            {
                CheckScope(node.Child, process, report, isProcess: false);
            }
        }

        foreach (var flow in scope.Flows)
        {
            CheckExpression(flow.Condition, flow.Position, flow.Id, "condition", report);
        }
    }

    /// <summary>
    /// An event sub-process starts by the one event of its start event while its scope runs, so no
    /// flow leads in or out, and nothing is attached to it.
    /// </summary>
    private static void CheckEventSubProcess(FlowNode node, List<FlowNode> starts, Reporter report)
    {
        if (starts.Count == 1 && starts[0].Trigger == EventTrigger.Compensation)
        {
            report.Add(DiagnosticCodes.CompensationEventSubProcess,
                "Compensation event sub-processes are not supported: attach a compensation boundary event with a handler to the sub-process instead, or let its inner activities' handlers undo it.",
                starts[0].Position, starts[0].Id);
        }
        else if (starts.Count != 1 || starts[0].Trigger is not (EventTrigger.Message or EventTrigger.Timer or EventTrigger.Signal or EventTrigger.Conditional or EventTrigger.Error or EventTrigger.Escalation))
        {
            report.Add(DiagnosticCodes.SubProcessStart, "An event sub-process needs exactly one start event, with a message, timer, signal, conditional, error or escalation definition.", node.Position, node.Id);
        }
        else if (starts[0].Trigger == EventTrigger.Error && !starts[0].CancelActivity)
        {
            report.Add(DiagnosticCodes.UnsupportedElement, "An error start event always interrupts its scope (isInterrupting must not be false).", starts[0].Position, starts[0].Id);
        }

        if (node.Incoming.Count > 0 || node.Outgoing.Count > 0)
        {
            var flow = node.Incoming.Concat(node.Outgoing).First();
            report.Add(DiagnosticCodes.EventSubProcessFlow, "No sequence flow may lead into or out of an event sub-process: its start event's trigger starts it.", flow.Position, flow.Id);
        }

        foreach (var boundary in node.Boundaries)
        {
            report.Add(DiagnosticCodes.InvalidAttachment, $"A boundary event cannot be attached to the event sub-process '{node.Id}'.", boundary.Position, boundary.Id);
        }
    }

    /// <summary>A start event, including one with a trigger the engine does not support (signal, conditional...).</summary>
    private static bool IsStartEvent(FlowNode node) =>
        node.Kind == ElementKind.StartEvent || node.Kind == ElementKind.Unsupported && node.TypeName.StartsWith("startEvent", StringComparison.Ordinal);

    private static HashSet<FlowNode> Reachable(ScopeDefinition scope)
    {
        // Boundary events the engine does not support are not linked to their host; reach them through it.
        var unlinkedBoundaries = scope.Nodes
            .Where(n => n.Kind == ElementKind.Unsupported && n.AttachedToId is not null)
            .ToLookup(n => n.AttachedToId!, StringComparer.Ordinal);
        var seen = new HashSet<FlowNode>();
        // Compensation handlers have no flow in by design: compensation starts them.
        var stack = new Stack<FlowNode>(scope.Nodes.Where(n => IsStartEvent(n) || n.TriggeredByEvent || n.IsForCompensation));
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            if (!seen.Add(node))
            {
                continue;
            }

            foreach (var flow in node.Outgoing)
            {
                stack.Push(flow.Target);
            }

            foreach (var boundary in node.Boundaries.Concat(unlinkedBoundaries[node.Id]))
            {
                stack.Push(boundary);
            }

            if (node.LinkTarget is { } linked)
            {
                stack.Push(linked);
            }
        }

        return seen;
    }

    private static void CheckNode(FlowNode node, Reporter report)
    {
        switch (node.Kind)
        {
            case ElementKind.ServiceTask or ElementKind.BusinessRuleTask or ElementKind.SendTask when node.ImplementationType is not null:
                CheckExternalTask(node, report);
                break;
            case ElementKind.ServiceTask or ElementKind.BusinessRuleTask:
                if (node.HandlerName is null && node.ServiceExpression is null)
                {
                    report.Add(DiagnosticCodes.MissingHandler, $"The {node.TypeName} names no handler: set camunda:delegateExpression=\"${{handlerName}}\" (or camunda:class or camunda:expression).", node.Position, node.Id);
                }

                break;
            case ElementKind.SendTask:
                if (node.HandlerName is null && node.ServiceExpression is null && node.MessageName is null)
                {
                    report.Add(DiagnosticCodes.MissingHandler, "The send task names neither a handler (camunda:delegateExpression) nor a message (messageRef).", node.Position, node.Id);
                }

                break;
            case ElementKind.CallActivity:
                if (string.IsNullOrWhiteSpace(node.CalledElement))
                {
                    report.Add(DiagnosticCodes.MissingCalledElement, "The call activity names no calledElement.", node.Position, node.Id);
                }

                break;
            case ElementKind.ExclusiveGateway or ElementKind.InclusiveGateway:
                CheckGatewayDeadEnd(node, report);
                break;
            case ElementKind.EventBasedGateway:
                foreach (var flow in node.Outgoing)
                {
                    var target = flow.Target;
                    var ok = target.Kind == ElementKind.ReceiveTask && target.MessageName is not null
                        || target.Kind == ElementKind.IntermediateCatchEvent && target.Trigger is EventTrigger.Timer or EventTrigger.Message or EventTrigger.Signal or EventTrigger.Conditional;
                    if (!ok)
                    {
                        report.Add(DiagnosticCodes.InvalidEventGatewayTarget, $"An event-based gateway may lead only to timer, message, signal or conditional catch events and receive tasks with a message, not to {target.TypeName} '{target.Id}'{(target.Kind == ElementKind.ReceiveTask ? " (it names no message)" : "")}.", flow.Position, flow.Id);
                    }
                }

                break;
            case ElementKind.IntermediateCatchEvent when node.Trigger is not (EventTrigger.Timer or EventTrigger.Message or EventTrigger.Signal or EventTrigger.Link or EventTrigger.Conditional):
                report.Add(DiagnosticCodes.UnsupportedElement, "An intermediate catch event needs a timer, message, signal, conditional or link definition.", node.Position, node.Id);
                break;
            case ElementKind.StartEvent when node.Trigger is EventTrigger.Error or EventTrigger.Escalation && !node.Scope.IsEventSubProcess:
                report.Add(DiagnosticCodes.UnsupportedElement, $"{(node.Trigger == EventTrigger.Error ? "Error" : "Escalation")} start events belong to event sub-processes (a subProcess with triggeredByEvent=\"true\").", node.Position, node.Id);
                break;
            case ElementKind.StartEvent when node.Trigger == EventTrigger.Terminate:
                report.Add(DiagnosticCodes.UnsupportedElement, "A start event cannot have a terminate definition.", node.Position, node.Id);
                break;
            case ElementKind.StartEvent or ElementKind.EndEvent when node.Trigger == EventTrigger.Link:
                report.Add(DiagnosticCodes.UnsupportedElement, "Link events are intermediate events: a throw event that goes on at a catch event of the same name.", node.Position, node.Id);
                break;
            case ElementKind.BoundaryEvent when node.Trigger is not (EventTrigger.Timer or EventTrigger.Message or EventTrigger.Signal or EventTrigger.Error or EventTrigger.Escalation
                or EventTrigger.Conditional or EventTrigger.Compensation or EventTrigger.Cancel):
                report.Add(DiagnosticCodes.UnsupportedElement, "A boundary event needs a timer, message, signal, conditional, error, escalation, compensation or cancel definition.", node.Position, node.Id);
                break;
            case ElementKind.BoundaryEvent when node.Trigger == EventTrigger.Escalation && node.AttachedTo is { Kind: not (ElementKind.SubProcess or ElementKind.CallActivity) }:
                report.Add(DiagnosticCodes.UnsupportedElement, "An escalation boundary event belongs on a sub-process or call activity: only what runs inside one can throw an escalation.", node.Position, node.Id);
                break;
            case ElementKind.BoundaryEvent when node.Trigger == EventTrigger.Error && !node.CancelActivity:
                report.Add(DiagnosticCodes.UnsupportedElement, "An error boundary event always interrupts its activity (cancelActivity must not be false).", node.Position, node.Id);
                break;
        }

        if (node.Kind is ElementKind.ParallelGateway or ElementKind.ExclusiveGateway or ElementKind.InclusiveGateway or ElementKind.EventBasedGateway or ElementKind.StartEvent or ElementKind.BoundaryEvent or ElementKind.IntermediateCatchEvent
            && node.Outgoing.Count == 0 && node is not { Kind: ElementKind.BoundaryEvent, Trigger: EventTrigger.Compensation })
        {
            report.Add(DiagnosticCodes.NoOutgoingFlow, $"The {node.TypeName} has no outgoing sequence flow: a token reaching it would be stuck.", node.Position, node.Id);
        }

        if (node.Trigger == EventTrigger.Timer && node.Timer is { } timer)
        {
            CheckExpression(timer.Value, node.Position, node.Id, "timer", report);
            if (timer.Value.IsLiteral)
            {
                try
                {
                    TimerSchedule.Resolve(timer.Kind, timer.Value.Text, DateTimeOffset.UnixEpoch);
                }
                catch (FormatException ex)
                {
                    report.Add(DiagnosticCodes.InvalidTimer, ex.Message, node.Position, node.Id);
                }
            }
        }
        else if (node.Trigger == EventTrigger.Timer && node.Kind != ElementKind.Unsupported && node.Timer is null)
        {
            // reported by the parser already
        }

        if (node.MultiInstance is { } mi)
        {
            if (mi.Cardinality is null && mi.Collection is null)
            {
                report.Add(DiagnosticCodes.InvalidMultiInstance, "The multi-instance activity needs a loopCardinality or a camunda:collection.", node.Position, node.Id);
            }

            CheckExpression(mi.Cardinality, node.Position, node.Id, "loop cardinality", report);
            CheckExpression(mi.Collection, node.Position, node.Id, "collection", report);
            CheckExpression(mi.CompletionCondition, node.Position, node.Id, "completion condition", report);
        }

        if (node.UserTask is { } task)
        {
            foreach (var (expression, what) in new[] { (task.Assignee, "assignee"), (task.CandidateUsers, "candidateUsers"), (task.CandidateGroups, "candidateGroups"), (task.DueDate, "dueDate"), (task.FollowUpDate, "followUpDate"), (task.Priority, "priority"), (task.FormKey, "formKey") })
            {
                CheckExpression(expression, node.Position, node.Id, what, report);
            }
        }

        CheckExpression(node.Script, node.Position, node.Id, "script", report);
        CheckExpression(node.ServiceExpression, node.Position, node.Id, "expression", report);
        CheckExpression(node.MessageName, node.Position, node.Id, "message name", report);
        CheckExpression(node.SignalName, node.Position, node.Id, "signal name", report);
        CheckExpression(node.EventCondition, node.Position, node.Id, "condition", report);
        CheckExpression(node.CorrelationKey, node.Position, node.Id, "correlation key", report);
        foreach (var mapping in node.InMappings.Concat(node.OutMappings))
        {
            CheckExpression(mapping.SourceExpression, node.Position, node.Id, "variable mapping", report);
        }
    }

    private static void CheckExpression(Expression? expression, SourcePosition at, string id, string what, Reporter report)
    {
        if (expression?.ParseError is { } error)
        {
            report.Add(DiagnosticCodes.ExpressionSyntax, $"The {what} '{Shorten(expression.Text)}' does not parse: {error}", at, id);
        }
    }

    private static string Shorten(string text)
    {
        var oneLine = text.Trim().ReplaceLineEndings(" ");
        return oneLine.Length <= 80 ? oneLine : oneLine[..77] + "...";
    }

    /// <summary>
    /// An exclusive or inclusive gateway whose outgoing flows all carry conditions and which has
    /// no default flow stops the instance with an incident when no condition holds. Two conditions that are each
    /// other's negation (x / !x, a == b / a != b, a &lt; b / a &gt;= b) cannot both be false.
    /// </summary>
    private static void CheckGatewayDeadEnd(FlowNode gateway, Reporter report)
    {
        if (gateway.DefaultFlow is not null || gateway.Outgoing.Count == 0 || gateway.Outgoing.Any(f => f.Condition is null))
        {
            return;
        }

        var conditions = gateway.Outgoing.Select(f => Normalize(f.Condition!.Source ?? f.Condition.Text)).ToList();
        for (var i = 0; i < conditions.Count; i++)
        {
            for (var j = i + 1; j < conditions.Count; j++)
            {
                if (AreComplementary(conditions[i], conditions[j]))
                {
                    return;
                }
            }
        }

        // Legal BPMN (Camunda runs it too): a warning here, and an incident on the instance when it happens.
        report.Add(DiagnosticCodes.GatewayDeadEnd,
            "Every outgoing flow has a condition and there is no default flow: when no condition holds, the instance stops here with an incident. Add a default flow unless one condition always holds.",
            gateway.Position, gateway.Id, Severity.Warning);
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    [GeneratedRegex(@"^(?<a>.+?)(?<op>===|!==|==|!=|>=|<=|>|<)(?<b>.+)$")]
    private static partial Regex Comparison();

    private static string Normalize(string text)
    {
        var s = Spaces().Replace(text, string.Empty);
        while (s.Length > 2 && s[0] == '(' && s[^1] == ')' && Balanced(s[1..^1]))
        {
            s = s[1..^1];
        }

        return s;
    }

    private static bool Balanced(string s)
    {
        var depth = 0;
        foreach (var c in s)
        {
            depth += c == '(' ? 1 : c == ')' ? -1 : 0;
            if (depth < 0)
            {
                return false;
            }
        }

        return depth == 0;
    }

    private static bool AreComplementary(string x, string y)
    {
        if (x == "!" + y || y == "!" + x || x == "!(" + y + ")" || y == "!(" + x + ")")
        {
            return true;
        }

        var a = Comparison().Match(x);
        var b = Comparison().Match(y);
        if (!a.Success || !b.Success || a.Groups["a"].Value != b.Groups["a"].Value)
        {
            return false;
        }

        var (opA, opB) = (a.Groups["op"].Value, b.Groups["op"].Value);
        var (rightA, rightB) = (a.Groups["b"].Value, b.Groups["b"].Value);
        if (rightA == rightB)
        {
            return (opA, opB) switch
            {
                ("==", "!=") or ("!=", "==") or ("===", "!==") or ("!==", "===") => true,
                (">", "<=") or ("<=", ">") or ("<", ">=") or (">=", "<") => true,
                _ => false,
            };
        }

        // x == true / x == false
        var booleans = new[] { "true", "false" };
        return opA is "==" or "===" && opB is "==" or "===" && booleans.Contains(rightA) && booleans.Contains(rightB);
    }
}
