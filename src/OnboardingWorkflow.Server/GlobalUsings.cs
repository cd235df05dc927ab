global using OnboardingWorkflow.Application.Cases;
global using OnboardingWorkflow.Application.Common;
global using OnboardingWorkflow.Application.Access;
