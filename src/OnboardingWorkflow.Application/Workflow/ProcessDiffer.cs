using OnboardingWorkflow.Engine.Expressions;
using OnboardingWorkflow.Engine.Model;

namespace OnboardingWorkflow.Application.Workflow;

/// <summary>One attribute of an element that differs between two versions; null where the attribute is absent.</summary>
public sealed record AttributeChange(string Attribute, string? Before, string? After);

/// <summary>An element that was added, removed or changed ("added" | "removed" | "changed"), with the attributes that differ.</summary>
public sealed record ElementChange(string ElementId, string? Name, string ElementType, string Change, IReadOnlyList<AttributeChange> Details);

/// <summary>What changed in one process between two versions (or a version and a draft); the labels say which sides were compared.</summary>
public sealed record ProcessDiff(string ProcessKey, string FromLabel, string ToLabel, IReadOnlyList<ElementChange> Changes,
    int? FromVersion = null, int? ToVersion = null, int? DraftRevision = null);

/// <summary>
/// Compares two parsed versions of a process element by element, by id: the process itself, every
/// flow node (nested sub-process contents and boundary events included) and every sequence flow.
/// It reads the engine's parsed model, not the XML text, so only what the engine acts on counts:
/// moving a shape, re-ordering attributes or re-indenting the file is no change. Each element is
/// reduced to a flat list of named, short values; the diff is those lists compared. The output is
/// deterministic (removed, changed, added; each by element id, ordinal), so two runs over the same
/// pair give the same answer and a test can pin it.
/// </summary>
public static class ProcessDiffer
{
    public const string Added = "added";
    public const string Removed = "removed";
    public const string Changed = "changed";

    /// <summary>Values longer than this (scripts, long conditions) are cut, so a diff stays readable and small.</summary>
    public const int MaxValueLength = 300;

    private const string FieldPrefix = "formField.";

    /// <summary>The changes from <paramref name="before"/> to <paramref name="after"/>; a null side counts as an empty process.</summary>
    public static IReadOnlyList<ElementChange> Compare(ProcessDefinition? before, ProcessDefinition? after)
    {
        var left = Snapshot(before);
        var right = Snapshot(after);
        var removed = left.Keys.Where(id => !right.ContainsKey(id))
            .Select(id => new ElementChange(id, left[id].Name, left[id].Type, Removed, Details(left[id], null)));
        var changed = left.Keys.Where(right.ContainsKey)
            .Select(id => (Id: id, Details: Details(left[id], right[id])))
            .Where(c => c.Details.Count > 0)
            .Select(c => new ElementChange(c.Id, right[c.Id].Name ?? left[c.Id].Name, right[c.Id].Type, Changed, c.Details));
        var added = right.Keys.Where(id => !left.ContainsKey(id))
            .Select(id => new ElementChange(id, right[id].Name, right[id].Type, Added, Details(null, right[id])));
        return [.. removed.OrderBy(c => c.ElementId, StringComparer.Ordinal),
            .. changed.OrderBy(c => c.ElementId, StringComparer.Ordinal),
            .. added.OrderBy(c => c.ElementId, StringComparer.Ordinal)];
    }

    /// <summary>An element reduced to its type, name and ordered attribute values (absent attributes are left out).</summary>
    private sealed record Element(string Type, string? Name, IReadOnlyList<KeyValuePair<string, string>> Attributes);

    private static Dictionary<string, Element> Snapshot(ProcessDefinition? process)
    {
        var elements = new Dictionary<string, Element>(StringComparer.Ordinal);
        if (process is null)
        {
            return elements;
        }

        elements[process.Key] = new Element("process", process.Name, Attributes(("name", process.Name)));
        AddScope(process, process.Root, elements);
        return elements;
    }

    private static void AddScope(ProcessDefinition process, ScopeDefinition scope, Dictionary<string, Element> elements)
    {
        foreach (var node in scope.Nodes)
        {
            // A duplicate id is a validation error already; the first element keeps it here too.
            elements.TryAdd(node.Id, Describe(process, scope, node));
            if (node.Child is { } child)
            {
                AddScope(process, child, elements);
            }
        }

        foreach (var flow in scope.Flows)
        {
            elements.TryAdd(flow.Id, new Element("sequenceFlow", flow.Name, Attributes(
                ("name", flow.Name),
                ("type", "sequenceFlow"),
                ("parent", scope.Owner?.Id),
                ("sourceRef", flow.SourceId),
                ("targetRef", flow.TargetId),
                ("condition", Text(flow.Condition)))));
        }
    }

    private static Element Describe(ProcessDefinition process, ScopeDefinition scope, FlowNode node)
    {
        var values = new List<(string, string?)>
        {
            ("name", node.Name),
            ("type", node.TypeName),
            ("parent", scope.Owner?.Id),
            ("lane", process.Lanes.GetValueOrDefault(node.Id)),
            ("eventDefinition", node.Trigger == EventTrigger.None ? null : node.Trigger.ToString().ToLowerInvariant()),
            ("attachedToRef", node.AttachedToId),
            ("cancelActivity", node.Kind == ElementKind.BoundaryEvent ? Flag(node.CancelActivity) : null),
            ("timer", node.Timer is { } timer ? $"{timer.Kind.ToString().ToLowerInvariant()} {timer.Value.Text.Trim()}" : null),
            ("messageName", Text(node.MessageName)),
            ("correlationKey", Text(node.CorrelationKey)),
            ("errorCode", node.ErrorCode),
            ("default", node.DefaultFlowId),
            ("asyncBefore", node.AsyncBefore ? "true" : null),
            ("asyncAfter", node.AsyncAfter ? "true" : null),
            ("failedJobRetryTimeCycle", node.RetryCycleText),
            ("handler", Text(node.HandlerName)),
            ("expression", Text(node.ServiceExpression)),
            ("script", Text(node.Script)),
            ("resultVariable", node.ResultVariable),
            ("calledElement", node.CalledElement),
            ("in", Mappings(node.InMappings)),
            ("out", Mappings(node.OutMappings)),
        };
        if (node.MultiInstance is { } loop)
        {
            values.Add(("multiInstance", loop.IsSequential ? "sequential" : "parallel"));
            values.Add(("loopCardinality", Text(loop.Cardinality)));
            values.Add(("collection", Text(loop.Collection)));
            values.Add(("elementVariable", loop.ElementVariable));
            values.Add(("completionCondition", Text(loop.CompletionCondition)));
        }

        if (node.UserTask is { } task)
        {
            values.Add(("assignee", Text(task.Assignee)));
            values.Add(("candidateGroups", Text(task.CandidateGroups)));
            values.Add(("candidateUsers", Text(task.CandidateUsers)));
            values.Add(("dueDate", Text(task.DueDate)));
            values.Add(("followUpDate", Text(task.FollowUpDate)));
            values.Add(("priority", Text(task.Priority)));
            values.Add(("formKey", Text(task.FormKey)));
            values.Add(("formData", task.Contract is null ? null : "declared"));
            foreach (var field in task.Contract?.Fields ?? [])
            {
                values.Add((FieldPrefix + field.Id, Summary(field)));
            }
        }

        if (node.ImplementationType is { } type)
        {
            values.Add(("implementationType", type));
        }

        if (node.External is { } external)
        {
            values.Add(("topic", external.Topic));
            values.Add(("taskPriority", Text(external.Priority)));
            values.Add(("formData", external.Contract is null ? null : "declared"));
            foreach (var field in external.Contract?.Fields ?? [])
            {
                values.Add((FieldPrefix + field.Id, Summary(field)));
            }
        }

        foreach (var property in node.Properties.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            values.Add(("property." + property.Key, property.Value));
        }

        return new Element(node.TypeName, node.Name, Attributes([.. values]));
    }

    /// <summary>
    /// The attributes that differ, in the element's own order. A form field present on both sides
    /// is compared property by property (type, required, constraints...), so "maxlength 200 → 500"
    /// reads as such instead of two long summaries side by side.
    /// </summary>
    private static List<AttributeChange> Details(Element? before, Element? after)
    {
        var left = before?.Attributes.ToDictionary(a => a.Key, a => a.Value, StringComparer.Ordinal) ?? [];
        var right = after?.Attributes.ToDictionary(a => a.Key, a => a.Value, StringComparer.Ordinal) ?? [];
        var order = (before?.Attributes ?? []).Select(a => a.Key)
            .Concat((after?.Attributes ?? []).Select(a => a.Key))
            .Distinct(StringComparer.Ordinal);
        var changes = new List<AttributeChange>();
        foreach (var name in order)
        {
            var was = left.GetValueOrDefault(name);
            var now = right.GetValueOrDefault(name);
            if (string.Equals(was, now, StringComparison.Ordinal))
            {
                continue;
            }

            if (was is not null && now is not null && name.StartsWith(FieldPrefix, StringComparison.Ordinal))
            {
                changes.AddRange(FieldDetails(name, was, now));
                continue;
            }

            changes.Add(new AttributeChange(name, Short(was), Short(now)));
        }

        return changes;
    }

    private static IEnumerable<AttributeChange> FieldDetails(string name, string before, string after)
    {
        var left = Parts(before);
        var right = Parts(after);
        foreach (var part in left.Keys.Concat(right.Keys).Distinct(StringComparer.Ordinal))
        {
            var was = left.GetValueOrDefault(part);
            var now = right.GetValueOrDefault(part);
            if (!string.Equals(was, now, StringComparison.Ordinal))
            {
                yield return new AttributeChange($"{name}.{part}", Short(was), Short(now));
            }
        }
    }

    /// <summary>A form field as one line, "type=long; label=Amount; required; min=0", which <see cref="Parts"/> reads back.</summary>
    private static string Summary(FormField field)
    {
        var parts = new List<string> { $"type={field.TypeName ?? "string"}" };
        if (field.Label is { Length: > 0 } label)
        {
            parts.Add($"label={Clean(label)}");
        }

        if (field.DefaultValue is { Length: > 0 } value)
        {
            parts.Add($"defaultValue={Clean(value)}");
        }

        if (field.Values.Count > 0)
        {
            parts.Add($"values={string.Join(",", field.Values.Select(v => Clean(v.Id)))}");
        }

        foreach (var constraint in field.Constraints)
        {
            parts.Add(constraint.Config is null ? Clean(constraint.Name) : $"{Clean(constraint.Name)}={Clean(constraint.Config)}");
        }

        return string.Join("; ", parts);
    }

    private static Dictionary<string, string> Parts(string summary)
    {
        var parts = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var part in summary.Split("; "))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            var (key, value) = equals < 0 ? (part, "true") : (part[..equals], part[(equals + 1)..]);
            parts[key] = parts.TryGetValue(key, out var earlier) ? $"{earlier}, {value}" : value;
        }

        return parts;
    }

    // The summary's separators may not occur inside its values.
    private static string Clean(string text) => text.Replace(";", ",", StringComparison.Ordinal).Replace("=", ":", StringComparison.Ordinal).Trim();

    private static List<KeyValuePair<string, string>> Attributes(params (string Name, string? Value)[] values) =>
        [.. values.Where(v => v.Value is not null).Select(v => new KeyValuePair<string, string>(v.Name, v.Value!))];

    private static string? Text(Expression? expression) => expression?.Text.Trim();

    private static string Flag(bool value) => value ? "true" : "false";

    private static string? Mappings(IReadOnlyList<VariableMapping> mappings) => mappings.Count == 0 ? null
        : string.Join(", ", mappings.Select(m => m.AllVariables ? "all variables"
            : $"{m.Source ?? m.SourceExpression?.Text.Trim() ?? "?"} -> {m.Target ?? "?"}"));

    private static string? Short(string? value) =>
        value is { Length: > MaxValueLength } ? string.Concat(value.AsSpan(0, MaxValueLength - 1), "…") : value;
}
