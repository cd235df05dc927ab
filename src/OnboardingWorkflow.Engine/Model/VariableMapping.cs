using OnboardingWorkflow.Engine.Expressions;

namespace OnboardingWorkflow.Engine.Model;

/// <summary>
/// One camunda:in or camunda:out mapping of a call activity: copies a variable (or an expression's
/// value) to a target name, or all variables when <see cref="AllVariables"/> is set.
/// </summary>
public sealed record VariableMapping(string? Source, Expression? SourceExpression, string? Target, bool AllVariables);
