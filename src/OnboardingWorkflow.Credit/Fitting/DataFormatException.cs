namespace OnboardingWorkflow.Credit.Fitting;

/// <summary>A data file that cannot be read as a table; the message names the line or column.</summary>
public sealed class DataFormatException(string message) : Exception(message);
