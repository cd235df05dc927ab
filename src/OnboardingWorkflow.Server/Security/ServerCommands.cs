using OnboardingWorkflow.Application.Administration;
using OnboardingWorkflow.Data.Identity;

namespace OnboardingWorkflow.Server.Security;

/// <summary>
/// One-shot commands of the server executable, run after the database is ready and before the
/// server listens; the process exits when the command is done:
/// <c>create-user --email X --password Y --role Admin [--role Auditor] [--name "Display Name"]</c>
/// and <c>unlock-user --email X</c> (ends a lockout or a disablement: the way back in when no
/// admin is left who could enable the account).
/// </summary>
public static class ServerCommands
{
    public const string CreateUser = "create-user";
    public const string UnlockUser = "unlock-user";

    public static async Task RunIfRequestedAsync(WebApplication app, string[] args)
    {
        if (args.Length == 0 || args[0] is not (CreateUser or UnlockUser))
        {
            return;
        }

        var rest = args.Skip(1).ToArray();
        var exitCode = args[0] == CreateUser
            ? await CreateUserAsync(app.Services, rest, Console.Out, Console.Error)
            : await UnlockUserAsync(app.Services, rest, Console.Out, Console.Error);
        Environment.Exit(exitCode);
    }

    /// <summary>Creates the user; 0 on success, 1 when the user could not be created, 2 on a usage error or unacceptable e-mail or password.</summary>
    public static async Task<int> CreateUserAsync(IServiceProvider services, string[] args, TextWriter stdout, TextWriter stderr)
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
                    await stderr.WriteLineAsync($"{CreateUser}: unknown option '{args[i]}'");
                    return 2;
            }
        }

        if (string.IsNullOrWhiteSpace(email) || string.IsNullOrWhiteSpace(password) || roles.Count == 0)
        {
            await stderr.WriteLineAsync($"usage: {CreateUser} --email EMAIL --password PASSWORD --role ROLE [--role ROLE] [--name NAME]   (roles: {string.Join(", ", Roles.All)})");
            return 2;
        }

        await using var scope = services.CreateAsyncScope();
        if (await scope.ServiceProvider.GetRequiredService<CredentialRules>().ProblemAsync(email, password, "--email", "--password") is { } problem)
        {
            await stderr.WriteLineAsync($"{CreateUser}: {problem}");
            return 2;
        }

        var result = await scope.ServiceProvider.GetRequiredService<UserProvisioning>().CreateAsync(email, password, roles, name);
        if (!result.Succeeded)
        {
            await stderr.WriteLineAsync($"{CreateUser}: {UserProvisioning.Describe(result)}");
            return 1;
        }

        await stdout.WriteLineAsync($"created {email} with role(s) {string.Join(", ", roles)}");
        return 0;
    }

    /// <summary>Unlocks and enables the user; 0 on success, 1 when there is no such user, 2 on a usage error.</summary>
    public static async Task<int> UnlockUserAsync(IServiceProvider services, string[] args, TextWriter stdout, TextWriter stderr)
    {
        if (args is not ["--email", var email] || string.IsNullOrWhiteSpace(email))
        {
            await stderr.WriteLineAsync($"usage: {UnlockUser} --email EMAIL");
            return 2;
        }

        await using var scope = services.CreateAsyncScope();
        if (await scope.ServiceProvider.GetRequiredService<UserAdministration>().UnlockAsync(email, UserAdministration.CommandLine) is null)
        {
            await stderr.WriteLineAsync($"{UnlockUser}: no user has the e-mail {email}");
            return 1;
        }

        await stdout.WriteLineAsync($"unlocked {email}: locked-out or disabled, it may sign in again");
        return 0;
    }
}
