global using OnboardingWorkflow.Application.Common;
