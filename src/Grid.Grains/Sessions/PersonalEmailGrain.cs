using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Grid.Abstractions.Directory;
using Grid.Abstractions.Sessions;
using Microsoft.Extensions.Options;

namespace Grid.Grains.Sessions;

public sealed class PersonalEmailGrain(
    [PersistentState("personal-email", "grid")] IPersistentState<PersonalEmailState> state,
    IOptions<SessionOptions> options,
    TimeProvider time) : Grain, IPersonalEmailGrain
{
    public async Task<PersonalEmailToken> Propose(string address)
    {
        ArgumentException.ThrowIfNullOrEmpty(address);
        var token = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        var expiresAt = time.GetUtcNow() + options.Value.PersonalEmailTokenLifetime;

        // The account first: a failure after it leaves a hint that makes readers look, never one that hides the address.
        await GrainFactory.GetGrain<IAccountGrain>(this.GetPrimaryKeyString()).NotePersonalEmailProposed();
        await state.WriteOrRevertAsync(new PersonalEmailState
        {
            Address = address,
            TokenHash = Hash(address, token),
            TokenExpiresAt = expiresAt,
            SpentTokenHash = state.State.SpentTokenHash,
        });
        return new PersonalEmailToken(address, token, expiresAt);
    }

    public async Task<PersonalEmailCheck> Confirm(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        var current = state.State;
        if (current.Address is null)
        {
            return PersonalEmailCheck.Rejected;
        }

        // The hash covers the address: a token issued for an earlier address never matches the current one.
        var presented = Hash(current.Address, token);
        if (current.SpentTokenHash is { } spent && CryptographicOperations.FixedTimeEquals(spent, presented))
        {
            return PersonalEmailCheck.AlreadyUsed;
        }

        if (current.TokenHash is not { } expected || !CryptographicOperations.FixedTimeEquals(expected, presented))
        {
            return PersonalEmailCheck.Rejected;
        }

        var now = time.GetUtcNow();
        if (now >= current.TokenExpiresAt)
        {
            return PersonalEmailCheck.Expired;
        }

        await state.WriteOrRevertAsync(new PersonalEmailState { Address = current.Address, VerifiedAt = now, SpentTokenHash = presented });
        return PersonalEmailCheck.Confirmed;
    }

    public Task<PersonalEmail?> Get() => Task.FromResult(state.State.Address is { } address
        ? new PersonalEmail(address, state.State.VerifiedAt is not null, state.State.VerifiedAt)
        : null);

    private static byte[] Hash(string address, string token) => SHA256.HashData(Encoding.UTF8.GetBytes(address + "\n" + token));
}
