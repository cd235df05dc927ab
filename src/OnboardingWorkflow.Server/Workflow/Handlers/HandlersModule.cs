namespace OnboardingWorkflow.Server.Workflow.Handlers;

/// <summary>Registers the onboarding flow's task handlers and the task actions every client uses.</summary>
public static class HandlersModule
{
    public static WebApplicationBuilder AddOnboardingHandlers(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddScoped<CaseFile>();
        services.AddScoped<TaskActions>();
        services.AddScoped<IOnboardingTaskHandler, DuplicateCheckHandler>();
        services.AddScoped<IOnboardingTaskHandler, NotifyMakerHandler>();
        services.AddScoped<IOnboardingTaskHandler, SendReminderHandler>();
        services.AddScoped<IOnboardingTaskHandler, WithdrawApplicationHandler>();
        services.AddScoped<IOnboardingTaskHandler, ScreeningHandler>();
        services.AddScoped<IOnboardingTaskHandler, CreditScoringHandler>();
        services.AddScoped<IOnboardingTaskHandler, GenerateContractHandler>();
        services.AddScoped<IOnboardingTaskHandler, ActivateCustomerHandler>();
        return builder;
    }
}
