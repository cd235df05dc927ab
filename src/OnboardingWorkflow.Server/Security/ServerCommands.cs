using OnboardingWorkflow.Data.Identity;

namespace OnboardingWorkflow.Server.Security;

/// <summary>
/// One-shot commands of the server executable, run after the database is ready and before the
/// server listens; the process exits when the command is done:
/// <c>create-user --email X --password Y --role Admin [--role Auditor] [--name "Display Name"]</c>.
/// </summary>
public static class ServerCommands
{
    public const string CreateUser = "create-user";

    public static async Task RunIfRequestedAsync(WebApplication app, string[] args)
    {
        if (args.Length == 0 || args[0] != CreateUser)
        {
            return;
        }

        var exitCode = await CreateUserAsync(app, args.Skip(1).ToArray(), Console.Out, Console.Error);
        Environment.Exit(exitCode);
    }

    /// <summary>Creates the user; 0 on success, 1 when the user could not be created, 2 on a usage error.</summary>
    public static async Task<int> CreateUserAsync(WebApplication app, string[] args, TextWriter stdout, TextWriter stderr)
    {
        string? email = null, password = null, name = null;
        var roles = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--email": email = value; i++; break;
                case "--password": password = value; i++; break;
                case "--role": if (value is not null) { roles.Add(value); } i++; break;
                case "--name": name = value; i++; break;
                default:
                    await stderr.WriteLineAsync($"create-user: unknown option '{args[i]}'");
                    return 2;
            }
        }

        if (string.IsNullOrWhiteSpace(email) || string.IsNullOrWhiteSpace(password) || roles.Count == 0)
        {
            await stderr.WriteLineAsync($"usage: {CreateUser} --email EMAIL --password PASSWORD --role ROLE [--role ROLE] [--name NAME]   (roles: {string.Join(", ", Roles.All)})");
            return 2;
        }

        await using var scope = app.Services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<UserProvisioning>().CreateAsync(email, password, roles, name);
        if (!result.Succeeded)
        {
            await stderr.WriteLineAsync($"create-user: {UserProvisioning.Describe(result)}");
            return 1;
        }

        await stdout.WriteLineAsync($"created {email} with role(s) {string.Join(", ", roles)}");
        return 0;
    }
}
