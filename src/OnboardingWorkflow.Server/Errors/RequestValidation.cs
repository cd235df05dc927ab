using System.ComponentModel.DataAnnotations;

namespace OnboardingWorkflow.Server.Errors;

/// <summary>Runs data annotations on a request body; a missing body is an error of its own.</summary>
public static class RequestValidation
{
    public static Dictionary<string, string[]>? Errors<T>(T? body)
        where T : class
    {
        if (body is null)
        {
            return new Dictionary<string, string[]> { ["body"] = ["A JSON body is required."] };
        }

        var results = new List<ValidationResult>();
        if (Validator.TryValidateObject(body, new ValidationContext(body), results, validateAllProperties: true))
        {
            return null;
        }

        return results
            .SelectMany(r => (r.MemberNames.Any() ? r.MemberNames : [""]).Select(m => (Member: Camel(m), r.ErrorMessage ?? "is invalid")))
            .GroupBy(e => e.Member)
            .ToDictionary(g => g.Key, g => g.Select(e => e.Item2).ToArray());
    }

    private static string Camel(string name) => name.Length == 0 ? "body" : char.ToLowerInvariant(name[0]) + name[1..];
}
