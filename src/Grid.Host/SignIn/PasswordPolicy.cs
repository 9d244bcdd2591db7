using Grid.Host.Grpc;

namespace Grid.Host.SignIn;

/// <summary>What a password set by an admin or a reset must be (the account grain takes 1..256 characters).</summary>
internal static class PasswordPolicy
{
    public const int MinLength = 8;
    public const int MaxLength = 256;

    /// <summary>Refuses (INVALID_ARGUMENT naming <paramref name="field"/>) a password outside the policy.</summary>
    public static void Require(string password, string field)
    {
        if (!Allows(password))
        {
            RpcErrors.InvalidArgument(field, $"must be {MinLength}..{MaxLength} characters");
        }
    }

    /// <summary>Whether the password is within the policy.</summary>
    public static bool Allows(string password) => password.Length is >= MinLength and <= MaxLength;
}
