global using Microsoft.Playwright;
global using OnboardingWorkflow.Testing;
global using OnboardingWorkflow.Web.Tests.Infrastructure;
global using static Microsoft.Playwright.Assertions;
