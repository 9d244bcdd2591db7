using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Grid.Host.Grpc;

/// <summary>
/// The JwtBearer handler's token handler: <see cref="JsonWebTokenHandler"/> with a <see cref="ValidatedTokenCache{T}"/>
/// in front, so that a caller's bearer token is checked once and then found by its text on every call until it
/// expires. Only successful validations are kept; each hit gets its own copy of the identity.
/// </summary>
internal sealed class CachingJsonWebTokenHandler(TimeProvider time) : JsonWebTokenHandler
{
    private readonly ValidatedTokenCache<TokenValidationResult> _validated = new(time);

    public override async Task<TokenValidationResult> ValidateTokenAsync(string token, TokenValidationParameters validationParameters)
    {
        ArgumentNullException.ThrowIfNull(validationParameters);
        if (_validated.Get(token) is { } cached)
        {
            return new TokenValidationResult
            {
                IsValid = true,
                SecurityToken = cached.SecurityToken,
                Issuer = cached.Issuer,
                TokenType = cached.TokenType,
                ClaimsIdentity = cached.ClaimsIdentity.Clone(),
            };
        }

        var result = await base.ValidateTokenAsync(token, validationParameters);
        if (result.IsValid && result.SecurityToken is JsonWebToken jwt)
        {
            // Materialize the identity once, from the validation that checked it.
            _ = result.ClaimsIdentity;
            _validated.Add(token, result, new DateTimeOffset(jwt.ValidTo, TimeSpan.Zero) + validationParameters.ClockSkew);
        }

        return result;
    }
}
