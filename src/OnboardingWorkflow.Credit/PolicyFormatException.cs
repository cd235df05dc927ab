namespace OnboardingWorkflow.Credit;

/// <summary>A policy or input document that cannot be read or breaks a rule of its format; the message names the field.</summary>
public sealed class PolicyFormatException : Exception
{
    public PolicyFormatException(string message)
        : base(message)
    {
    }

    public PolicyFormatException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
