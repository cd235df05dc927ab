using OnboardingWorkflow.Engine.Model;

namespace OnboardingWorkflow.Engine.Parsing;

/// <summary>
/// Compensation and transactions, by Camunda 7's rules: a compensation boundary event is linked
/// by an association to one handler beside its activity; a handler has no flows and no boundary
/// events; a cancel end event lies directly inside a transaction, which then has one cancel
/// boundary event; cancel boundary events belong on transactions only.
/// </summary>
internal static partial class BpmnValidator
{
    /// <summary>Links each activity with a compensation boundary event to the handler its association names.</summary>
    private static void LinkCompensation(ProcessDefinition process, Reporter report)
    {
        var handlers = new Dictionary<FlowNode, List<FlowNode>>();
        var misdrawn = new HashSet<FlowNode>();
        foreach (var scope in ScopesOf(process.Root))
        {
            foreach (var association in scope.Associations)
            {
                // Associations also tie text annotations to what they explain; only those from a compensation boundary event count here.
                if (!process.Nodes.TryGetValue(association.SourceId, out var boundary) || boundary is not { Kind: ElementKind.BoundaryEvent, Trigger: EventTrigger.Compensation })
                {
                    continue;
                }

                if (!process.Nodes.TryGetValue(association.TargetId, out var handler) || !handler.IsActivity || !handler.IsForCompensation || handler.Scope != boundary.Scope)
                {
                    report.Add(DiagnosticCodes.MissingCompensationHandler,
                        $"The association from the compensation boundary event '{boundary.Id}' leads to '{association.TargetId}', which is not an activity marked isForCompensation=\"true\" in the same (sub-)process.",
                        association.Position, boundary.Id);
                    misdrawn.Add(boundary);
                    continue;
                }

                if (!handlers.TryGetValue(boundary, out var list))
                {
                    handlers[boundary] = list = [];
                }

                list.Add(handler);
            }
        }

        var used = new HashSet<FlowNode>();
        foreach (var node in process.Nodes.Values)
        {
            if (node is not { Kind: ElementKind.BoundaryEvent, Trigger: EventTrigger.Compensation, AttachedTo: { } host })
            {
                continue;
            }

            var found = handlers.GetValueOrDefault(node) ?? [];
            if (found.Count == 0 && misdrawn.Contains(node))
            {
                continue; // its association is reported already
            }

            if (found.Count != 1)
            {
                report.Add(DiagnosticCodes.MissingCompensationHandler, found.Count == 0
                    ? "The compensation boundary event is associated with no compensation handler: draw an association from it to an activity marked isForCompensation=\"true\"."
                    : $"The compensation boundary event is associated with {found.Count} handlers ({string.Join(", ", found.Select(h => $"'{h.Id}'"))}): an activity is undone by one handler.",
                    node.Position, node.Id);
            }
            else if (host.CompensationHandler is not null)
            {
                report.Add(DiagnosticCodes.MissingCompensationHandler, $"'{host.Id}' has a compensation boundary event already: an activity is undone by one handler.", node.Position, node.Id);
            }
            else
            {
                host.CompensationHandler = found[0];
            }

            used.UnionWith(found);
        }

        foreach (var handler in process.Nodes.Values.Where(n => n.IsForCompensation && n.IsActivity && !used.Contains(n)))
        {
            report.Add(DiagnosticCodes.UnusedCompensationHandler,
                "The activity is marked isForCompensation=\"true\" but no compensation boundary event is associated with it: it never runs.", handler.Position, handler.Id, Severity.Warning);
        }
    }

    private static IEnumerable<ScopeDefinition> ScopesOf(ScopeDefinition scope)
    {
        yield return scope;
        foreach (var child in scope.Nodes.Where(n => n.Child is not null).SelectMany(n => ScopesOf(n.Child!)))
        {
            yield return child;
        }
    }

    /// <summary>Checks one node against the compensation and cancel rules.</summary>
    private static void CheckCompensationAndCancel(FlowNode node, Reporter report)
    {
        if (node.IsForCompensation && node.IsActivity && (node.Incoming.Count > 0 || node.Outgoing.Count > 0 || node.Boundaries.Count > 0))
        {
            report.Add(DiagnosticCodes.CompensationHandlerFlow,
                "A compensation handler runs only when its activity is compensated: no sequence flow may lead into or out of it, and no boundary event be attached to it.", node.Position, node.Id);
        }

        if (node.IsTransaction && node.Child!.Nodes.Any(n => n is { Kind: ElementKind.EndEvent, Trigger: EventTrigger.Cancel })
            && !node.Boundaries.Exists(b => b.Trigger == EventTrigger.Cancel))
        {
            report.Add(DiagnosticCodes.TransactionWithoutCancelBoundary,
                "The transaction has a cancel end event but no cancel boundary event: attach one, to take the path that follows a cancellation.", node.Position, node.Id);
        }

        switch (node.Kind, node.Trigger)
        {
            case (ElementKind.BoundaryEvent, EventTrigger.Compensation) when node.Outgoing.Count > 0:
                report.Add(DiagnosticCodes.CompensationHandlerFlow,
                    "A compensation boundary event starts no path: its handler is linked by an association, not by a sequence flow.", node.Outgoing[0].Position, node.Id);
                break;
            case (ElementKind.IntermediateThrowEvent or ElementKind.EndEvent, EventTrigger.Compensation) when node.CompensationActivityRef is { } activityRef:
                CheckCompensationRef(node, activityRef, report);
                break;
            case (ElementKind.StartEvent, EventTrigger.Compensation) when !node.Scope.IsEventSubProcess:
                report.Add(DiagnosticCodes.UnsupportedElement, "A compensation start event belongs to an event sub-process only.", node.Position, node.Id);
                break;
            case (ElementKind.EndEvent, EventTrigger.Cancel) when node.Scope.Owner is not { IsTransaction: true }:
                report.Add(DiagnosticCodes.MisplacedCancelEvent,
                    "A cancel end event belongs directly inside a transaction (a <transaction> sub-process): it cancels that transaction.", node.Position, node.Id);
                break;
            case (ElementKind.StartEvent or ElementKind.IntermediateThrowEvent, EventTrigger.Cancel):
                report.Add(DiagnosticCodes.MisplacedCancelEvent,
                    "A cancel event is either an end event inside a transaction or a boundary event on one.", node.Position, node.Id);
                break;
            case (ElementKind.BoundaryEvent, EventTrigger.Cancel):
                CheckCancelBoundary(node, report);
                break;
        }
    }

    /// <summary>The activityRef names an activity beside the throw event (or, from an event sub-process, in the scope around it) that can be compensated.</summary>
    private static void CheckCompensationRef(FlowNode node, string activityRef, Reporter report)
    {
        FlowNode? target = null;
        for (var scope = node.Scope; target is null && scope is not null; scope = scope.IsEventSubProcess ? scope.Parent : null)
        {
            target = scope.Nodes.Find(n => n.Id == activityRef);
        }

        if (target is null || !target.IsActivity)
        {
            report.Add(DiagnosticCodes.InvalidCompensationRef,
                $"The activityRef '{activityRef}' names no activity of the (sub-)process this event is in: compensation reaches only the activities beside it.", node.Position, node.Id);
        }
        else if (target.Kind != ElementKind.SubProcess && !target.Boundaries.Exists(b => b.Trigger == EventTrigger.Compensation))
        {
            report.Add(DiagnosticCodes.InvalidCompensationRef,
                $"The activityRef '{activityRef}' names an activity with nothing to compensate: attach a compensation boundary event with a handler to it.", node.Position, node.Id);
        }
    }

    private static void CheckCancelBoundary(FlowNode node, Reporter report)
    {
        if (node.AttachedTo is not { } host)
        {
            return; // reported as an invalid attachment
        }

        if (!host.IsTransaction)
        {
            report.Add(DiagnosticCodes.InvalidCancelBoundary,
                $"A cancel boundary event belongs on a transaction, and '{host.Id}' is a {host.TypeName}: only a transaction's cancel end event cancels.", node.Position, node.Id);
        }
        else if (!node.CancelActivity)
        {
            report.Add(DiagnosticCodes.InvalidCancelBoundary, "A cancel boundary event always interrupts its transaction (cancelActivity must not be false).", node.Position, node.Id);
        }
        else if (host.Boundaries.First(b => b.Trigger == EventTrigger.Cancel) != node)
        {
            report.Add(DiagnosticCodes.InvalidCancelBoundary, $"The transaction '{host.Id}' has a cancel boundary event already: it may have one only.", node.Position, node.Id);
        }
    }
}
