using OnboardingWorkflow.Server.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddOnboardingServer();

var app = builder.Build();
await app.InitializeOnboardingAsync();
app.MapOnboardingServer();
await app.RunAsync();

/// <summary>The server's entry point; public so integration tests can host it.</summary>
public partial class Program;
