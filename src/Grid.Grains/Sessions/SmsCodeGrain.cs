using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Grid.Abstractions.Sessions;
using Grid.Grains.Secrets;
using Microsoft.Extensions.Options;

namespace Grid.Grains.Sessions;

public sealed class SmsCodeGrain(
    [PersistentState("sms-code", "grid")] IPersistentState<SmsCodeState> state,
    ISecretSealer sealer,
    IOptions<SessionOptions> options,
    TimeProvider time) : Grain, ISmsCodeGrain
{
    private string SealContext => $"sms-code:{this.GetPrimaryKeyString()}";

    public async Task<SmsCodeIssue> Issue()
    {
        var settings = options.Value.SmsCodes;
        var now = time.GetUtcNow();
        var current = state.State;
        if (now < current.IssuedAt + settings.ResendInterval)
        {
            return new SmsCodeIssue(null, current.ExpiresAt, current.IssuedAt + settings.ResendInterval - now);
        }

        var code = RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("D6", CultureInfo.InvariantCulture);
        var expiresAt = now + settings.Lifetime;
        await state.WriteOrRevertAsync(new SmsCodeState { SealedCode = sealer.Seal(code, SealContext), IssuedAt = now, ExpiresAt = expiresAt });
        return new SmsCodeIssue(code, expiresAt, settings.ResendInterval);
    }

    public async Task<SmsCodeCheck> Verify(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        var current = state.State;
        if (current.SealedCode is null || time.GetUtcNow() >= current.ExpiresAt)
        {
            return SmsCodeCheck.Rejected;
        }

        var expected = Encoding.ASCII.GetBytes(sealer.Unseal(current.SealedCode, SealContext));
        if (CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(code)))
        {
            // Spent: kept issued (IssuedAt stays), so that the resend interval still counts from the send.
            await state.WriteOrRevertAsync(new SmsCodeState { IssuedAt = current.IssuedAt, ExpiresAt = current.ExpiresAt });
            return SmsCodeCheck.Accepted;
        }

        var failed = current.FailedAttempts + 1;
        await state.WriteOrRevertAsync(failed >= options.Value.SmsCodes.MaxAttempts
            ? new SmsCodeState { IssuedAt = current.IssuedAt, ExpiresAt = current.ExpiresAt }
            : new SmsCodeState { SealedCode = current.SealedCode, IssuedAt = current.IssuedAt, ExpiresAt = current.ExpiresAt, FailedAttempts = failed });
        return SmsCodeCheck.Rejected;
    }
}
