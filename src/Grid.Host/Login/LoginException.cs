namespace Grid.Host.Login;

/// <summary>A refused sign-in step: the problem (for the page and the status) and a message for people.</summary>
internal sealed class LoginException(LoginProblem problem, string message) : Exception(message)
{
    public LoginProblem Problem { get; } = problem;
}
