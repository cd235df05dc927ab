using Acornima.Ast;

namespace OnboardingWorkflow.Engine.Expressions;

/// <summary>Collects the identifier names a parsed program mentions.</summary>
internal static class IdentifierCollector
{
    public static IReadOnlyList<string> Collect(Node program)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        var stack = new Stack<Node>();
        stack.Push(program);
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            if (node is Identifier identifier)
            {
                names.Add(identifier.Name);
            }

            foreach (var child in node.ChildNodes)
            {
                if (child is not null)
                {
                    stack.Push(child);
                }
            }
        }

        return [.. names];
    }
}
